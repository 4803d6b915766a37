package io.annals.p2p.rlpx;

/** The auth or ack packet of the RLPx handshake is malformed, or does not decrypt with our key. */
public final class HandshakeException extends RlpxException {
    private static final long serialVersionUID = 1L;

    public HandshakeException(String message) {
        super(message);
    }

    public HandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
