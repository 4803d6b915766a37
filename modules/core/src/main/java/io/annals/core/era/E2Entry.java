package io.annals.core.era;

/**
 * Where one e2store entry lies in its file: the offset of its 8-byte header, its type and the
 * length of its value. The value follows the header.
 */
public record E2Entry(long offset, int type, long length) {
    /** Size of an entry header: type (2 bytes), length (4), reserved (2), little-endian. */
    public static final int HEADER_SIZE = 8;

    public long valueOffset() {
        return offset + HEADER_SIZE;
    }

    /** The offset of the byte after this entry, where the next one starts. */
    public long end() {
        return offset + HEADER_SIZE + length;
    }

    public long size() {
        return HEADER_SIZE + length;
    }
}
