package io.annals.p2p.rlpx;

/**
 * A breach of the RLPx transport protocol by the remote side: a handshake packet that does not
 * decrypt or decode, a frame whose MAC does not verify, a frame larger than allowed. The connection
 * cannot continue after one of these.
 */
public class RlpxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RlpxException(String message) {
        super(message);
    }

    public RlpxException(String message, Throwable cause) {
        super(message, cause);
    }
}
