package io.annals.p2p.eth;

import io.annals.p2p.RlpxSession;
import io.annals.p2p.eth.message.EthDecoder;
import io.annals.p2p.eth.message.EthEncoder;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.EthCapability;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of one eth session share: the RLPx session, the codec of the negotiated version,
 * the settings, the two executors (the session's I/O thread, which owns every piece of per-session
 * state, and the worker executor for blocking reads and decoding), and the one way to end the
 * session for a protocol reason, with a log line that says why.
 */
final class EthLink {
    private static final Logger LOG = LoggerFactory.getLogger(EthLink.class);

    private final RlpxSession session;
    private final int version;
    private final EthSettings settings;
    private final EthEncoder encoder;
    private final EthDecoder decoder;
    private final Executor worker;
    private final String peerName;
    private volatile boolean failed;

    EthLink(RlpxSession session, int version, EthSettings settings, Executor worker) {
        this.session = session;
        this.version = version;
        this.settings = settings;
        this.encoder = new EthEncoder(version);
        this.decoder =
                new EthDecoder(version, settings.maxResponseItems(), settings.maxServedItems());
        this.worker = worker;
        this.peerName =
                session.remoteAddress()
                        + " ("
                        + session.remoteNodeIdHex().substring(0, 16)
                        + "… "
                        + session.clientId()
                        + ", eth/"
                        + version
                        + ")";
    }

    RlpxSession session() {
        return session;
    }

    int version() {
        return version;
    }

    EthSettings settings() {
        return settings;
    }

    EthDecoder decoder() {
        return decoder;
    }

    /** The session's I/O thread; see {@link RlpxSession#executor()}. */
    ScheduledExecutorService loop() {
        return session.executor();
    }

    /** Where blocking reads, decoding and the completion of request futures happen. */
    Executor worker() {
        return worker;
    }

    /** "address (node id prefix… client, eth/N)" for log lines. */
    String peerName() {
        return peerName;
    }

    CompletableFuture<Void> send(EthMessage message) {
        return session.send(EthCapability.NAME, message.code(), encoder.encode(message));
    }

    /** Runs the task on the I/O thread; false when the host is shut down. */
    boolean onLoop(Runnable task) {
        try {
            loop().execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Ends the session for a protocol reason: one debug line naming the peer and what went wrong.
     */
    void fail(DisconnectReason reason, String description) {
        failed = true;
        LOG.debug("disconnecting eth peer {}: {} ({})", peerName, description, reason);
        session.disconnect(reason);
    }

    /**
     * Whether {@link #fail} was called: what the peer sends while the Disconnect is on its way is
     * dropped.
     */
    boolean failed() {
        return failed;
    }
}
