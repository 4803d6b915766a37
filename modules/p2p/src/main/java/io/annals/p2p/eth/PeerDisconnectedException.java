package io.annals.p2p.eth;

import io.annals.p2p.wire.DisconnectReason;

/** The session ended before the request was answered (or before it could be sent). */
public final class PeerDisconnectedException extends EthRequestException {
    private static final long serialVersionUID = 1L;

    private final DisconnectReason reason;

    public PeerDisconnectedException(DisconnectReason reason, String message) {
        super(message + " (" + reason + ")");
        this.reason = reason;
    }

    public DisconnectReason reason() {
        return reason;
    }
}
