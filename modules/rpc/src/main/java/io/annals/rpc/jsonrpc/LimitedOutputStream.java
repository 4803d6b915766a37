package io.annals.rpc.jsonrpc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects bytes up to a limit and fails as soon as more are written, so memory stays bounded. The
 * bytes are kept in chunks that double in size (4 KiB up to 256 KiB), never copied to grow: an
 * answer of hundreds of kilobytes goes to the socket as the chunks it was written into.
 */
final class LimitedOutputStream extends OutputStream {
    private static final int FIRST_CHUNK = 4 * 1024;
    private static final int LARGEST_CHUNK = 256 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private final long limit;
    private byte[] chunk = new byte[FIRST_CHUNK];
    private int used;
    private long size;

    /** Thrown when the limit is passed; no stack trace, it is a plain outcome. */
    static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceeded() {
            super("output limit exceeded", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    LimitedOutputStream(long limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        ensureRoom(1);
        if (used == chunk.length) {
            nextChunk();
        }
        chunk[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureRoom(length);
        while (length > 0) {
            if (used == chunk.length) {
                nextChunk();
            }
            int n = Math.min(length, chunk.length - used);
            System.arraycopy(bytes, offset, chunk, used, n);
            used += n;
            offset += n;
            length -= n;
            size += n;
        }
    }

    /** Everything written, as the chunks it is held in (the last one cut to what it holds). */
    List<byte[]> chunks() {
        List<byte[]> out = new ArrayList<>(full.size() + 1);
        out.addAll(full);
        if (used > 0) {
            out.add(used == chunk.length ? chunk : Arrays.copyOf(chunk, used));
        }
        return out;
    }

    /** Everything written, in one array (small answers). */
    byte[] toByteArray() {
        byte[] out = new byte[(int) size];
        int at = 0;
        for (byte[] c : chunks()) {
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        return out;
    }

    long size() {
        return size;
    }

    private void nextChunk() {
        full.add(chunk);
        chunk = new byte[Math.min(LARGEST_CHUNK, chunk.length * 2)];
        used = 0;
    }

    private void ensureRoom(int length) throws LimitExceeded {
        if (size + (long) length > limit) {
            throw new LimitExceeded();
        }
    }

    static boolean isLimitExceeded(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LimitExceeded) {
                return true;
            }
        }
        return false;
    }
}
