package io.annals.core.rlp;

/**
 * Malformed or non-canonical RLP. The message names the byte offset in the input where decoding
 * failed, so that a bad peer message can be reported precisely.
 */
public final class RlpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public RlpException(String reason, int offset) {
        super(reason + " (at offset " + offset + ")");
        this.offset = offset;
    }

    /** Offset into the input buffer where the offending item starts. */
    public int offset() {
        return offset;
    }
}
