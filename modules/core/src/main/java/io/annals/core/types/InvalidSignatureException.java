package io.annals.core.types;

/** A transaction signature from which no sender can be recovered (bad v, r or s). */
public final class InvalidSignatureException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSignatureException(String message) {
        super(message);
    }
}
