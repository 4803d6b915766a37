package io.annals.core.era;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes e2store entries to a stream, counting the bytes so that indexes can name where each entry
 * starts. Format: see {@link E2StoreReader}.
 */
public final class E2StoreWriter {
    private final OutputStream out;
    private final byte[] header = new byte[E2Entry.HEADER_SIZE];
    private long position;

    public E2StoreWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far: the offset the next entry will have. */
    public long position() {
        return position;
    }

    /** Writes one entry; returns the offset of its header. */
    public long write(int type, byte[] value) throws IOException {
        long at = position;
        header[0] = (byte) type;
        header[1] = (byte) (type >>> 8);
        int length = value.length;
        header[2] = (byte) length;
        header[3] = (byte) (length >>> 8);
        header[4] = (byte) (length >>> 16);
        header[5] = (byte) (length >>> 24);
        header[6] = 0;
        header[7] = 0;
        out.write(header);
        out.write(value);
        position += E2Entry.HEADER_SIZE + (long) length;
        return at;
    }
}
