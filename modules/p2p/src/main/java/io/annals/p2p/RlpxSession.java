package io.annals.p2p;

import io.annals.p2p.wire.Capability;
import io.annals.p2p.wire.DisconnectReason;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An active devp2p session: the RLPx handshake succeeded and both Hellos were exchanged. Every
 * method is thread-safe and non-blocking; work is handed to the connection's I/O thread.
 */
public interface RlpxSession {
    /** The peer's node id: its 64-byte secp256k1 public key, as proven by the handshake. */
    byte[] remoteNodeId();

    /** The node id as lowercase hex (128 digits), handy as a map key or in logs. */
    String remoteNodeIdHex();

    InetSocketAddress remoteAddress();

    /** Whether we dialed the peer (true) or it dialed us (false). */
    boolean isInitiator();

    /** The peer's client id from its Hello, e.g. "Geth/v1.14.0-stable/linux-amd64/go1.22.2". */
    String clientId();

    /** Every capability the peer advertised in Hello. */
    List<Capability> capabilities();

    /** The version negotiated for a capability name, if the peer shares it with us. */
    OptionalInt negotiatedVersion(String capabilityName);

    /**
     * Sends a capability message. The payload is the uncompressed msg-data (RLP); the session adds
     * the message-id offset and compresses it.
     *
     * @param code the id relative to the capability's offset
     * @return completes when the frame was written to the socket, or exceptionally when the session
     *     is closed, the capability was not negotiated or the code is out of its range
     */
    CompletableFuture<Void> send(String capabilityName, int code, byte[] payload);

    /** Sends Disconnect with the reason, then closes the connection. Idempotent. */
    void disconnect(DisconnectReason reason);

    /** Completes with the reason once the connection is closed, whichever side ended it. */
    CompletableFuture<DisconnectReason> closed();

    /**
     * The session's I/O thread. Its tasks run one at a time, in order with the calls of the
     * capability handlers, so a capability can keep its per-session state on this one thread
     * without locks and schedule its timers here. Tasks must not block; never shut it down (it
     * serves other sessions too). Once the host is closed, submissions are rejected.
     */
    ScheduledExecutorService executor();

    /**
     * After {@link #closed()} completed: whether the peer sent the Disconnect (or dropped the
     * connection).
     */
    boolean closedByRemote();
}
