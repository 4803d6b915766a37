package io.annals.rpc.jsonrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Collects bytes up to a limit and fails as soon as more are written, so memory stays bounded. */
final class LimitedOutputStream extends OutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final long limit;

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
        buffer.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureRoom(length);
        buffer.write(bytes, offset, length);
    }

    byte[] toByteArray() {
        return buffer.toByteArray();
    }

    private void ensureRoom(int length) throws LimitExceeded {
        if (buffer.size() + (long) length > limit) {
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
