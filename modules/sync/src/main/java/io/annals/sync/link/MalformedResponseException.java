package io.annals.sync.link;

/** A peer's response did not decode: a failure of that peer for the blocks it was asked for. */
public final class MalformedResponseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
