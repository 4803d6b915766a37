package io.annals.p2p.netty;

import io.annals.p2p.RlpxSession;
import io.annals.p2p.wire.DisconnectReason;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active sessions of one host, keyed by remote node id, shared by the listener and the dialer
 * (so it is a concurrent map: sessions live on different I/O threads). It enforces the peer limit
 * and refuses a second session with the same node.
 */
final class SessionRegistry {
    private final Map<String, RlpxSession> sessions = new ConcurrentHashMap<>();
    private final String localNodeIdHex;
    private final int maxPeers;

    SessionRegistry(String localNodeIdHex, int maxPeers) {
        this.localNodeIdHex = localNodeIdHex;
        this.maxPeers = maxPeers;
    }

    /** Whether a node may connect; checked right after the handshake, before Hello. */
    Optional<DisconnectReason> admissionCheck(String nodeIdHex) {
        if (nodeIdHex.equals(localNodeIdHex)) {
            return Optional.of(DisconnectReason.SAME_IDENTITY);
        }
        if (sessions.containsKey(nodeIdHex)) {
            return Optional.of(DisconnectReason.ALREADY_CONNECTED);
        }
        if (sessions.size() >= maxPeers) {
            return Optional.of(DisconnectReason.TOO_MANY_PEERS);
        }
        return Optional.empty();
    }

    /** Registers an active session, or says why it cannot be (a race with another connection). */
    Optional<DisconnectReason> register(RlpxSession session) {
        Optional<DisconnectReason> refusal = admissionCheck(session.remoteNodeIdHex());
        if (refusal.isPresent()) {
            return refusal;
        }
        RlpxSession previous = sessions.putIfAbsent(session.remoteNodeIdHex(), session);
        return previous == null
                ? Optional.empty()
                : Optional.of(DisconnectReason.ALREADY_CONNECTED);
    }

    void remove(RlpxSession session) {
        sessions.remove(session.remoteNodeIdHex(), session);
    }

    boolean isConnected(String nodeIdHex) {
        return sessions.containsKey(nodeIdHex);
    }

    Collection<RlpxSession> sessions() {
        return List.copyOf(sessions.values());
    }
}
