package io.annals.core.era;

import java.util.OptionalLong;

/**
 * An era file that breaks its format or fails a check: a truncated entry, an index offset that does
 * not point at the entry it should, a corrupt snappy frame, a root that does not match its header,
 * a header that does not link. The message names the byte offset of the entry and, where one is
 * concerned, the block; the importer adds the file's name.
 */
public final class EraFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long block;
    private final String reason;

    private EraFormatException(
            String message, String reason, long offset, long block, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.offset = offset;
        this.block = block;
    }

    /** A problem with the entry whose 8-byte header starts at {@code offset}. */
    public static EraFormatException atEntry(long offset, String reason) {
        return new EraFormatException(
                "entry at byte " + offset + ": " + reason, reason, offset, -1, null);
    }

    /** A problem with block {@code block}, read from the entry at {@code offset}. */
    public static EraFormatException atBlock(long block, long offset, String reason) {
        return atBlock(block, offset, reason, null);
    }

    public static EraFormatException atBlock(
            long block, long offset, String reason, Throwable cause) {
        String where =
                "block "
                        + Long.toUnsignedString(block)
                        + (offset >= 0 ? " (entry at byte " + offset + ")" : "");
        return new EraFormatException(where + ": " + reason, reason, offset, block, cause);
    }

    /** A problem with the file as a whole (its size, its index, its accumulator). */
    public static EraFormatException ofFile(String reason) {
        return new EraFormatException(reason, reason, -1, -1, null);
    }

    /** What is wrong, without the place. */
    public String reason() {
        return reason;
    }

    /** Byte offset of the entry concerned, if one is. */
    public OptionalLong offset() {
        return offset >= 0 ? OptionalLong.of(offset) : OptionalLong.empty();
    }

    /** The block concerned, if one is. */
    public OptionalLong block() {
        return block >= 0 ? OptionalLong.of(block) : OptionalLong.empty();
    }
}
