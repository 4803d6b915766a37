package io.annals.p2p;

import io.annals.p2p.wire.DisconnectReason;

/**
 * A connection ended before its session became active (dial failed, handshake or Hello refused).
 */
public final class SessionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DisconnectReason reason;

    public SessionFailedException(DisconnectReason reason, String message) {
        super(message + " (" + reason + ")");
        this.reason = reason;
    }

    public DisconnectReason reason() {
        return reason;
    }
}
