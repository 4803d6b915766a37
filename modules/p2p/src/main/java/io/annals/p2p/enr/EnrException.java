package io.annals.p2p.enr;

/**
 * A node record that cannot be used: malformed RLP, keys out of order, an unknown identity scheme,
 * a bad signature, or more than {@link Enr#MAX_SIZE} bytes. The one exception of ENR decoding.
 */
public final class EnrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnrException(String message) {
        super(message);
    }

    public EnrException(String message, Throwable cause) {
        super(message, cause);
    }
}
