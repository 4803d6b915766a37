package io.annals.p2p.wire;

/**
 * A peer sent a message that breaks the devp2p base protocol or a capability's rules: bad RLP, a
 * message before Hello, a payload that inflates past the limit. Carries the Disconnect reason to
 * send.
 */
public final class MessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DisconnectReason reason;

    public MessageException(DisconnectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MessageException(DisconnectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DisconnectReason reason() {
        return reason;
    }
}
