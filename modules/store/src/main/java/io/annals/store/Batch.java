package io.annals.store;

import java.io.IOException;
import org.iq80.leveldb.WriteBatch;

/**
 * One LevelDB write batch under construction: everything put or deleted here commits atomically or
 * not at all. Wraps the native batch so that closing it (freeing native memory) needs no checked
 * exception handling, and counts what it holds.
 */
final class Batch implements AutoCloseable {
    private final WriteBatch batch;
    private long bytes;
    private int operations;

    Batch(WriteBatch batch) {
        this.batch = batch;
    }

    Batch put(byte[] key, byte[] value) {
        batch.put(key, value);
        bytes += key.length + value.length;
        operations++;
        return this;
    }

    Batch delete(byte[] key) {
        batch.delete(key);
        bytes += key.length;
        operations++;
        return this;
    }

    WriteBatch nativeBatch() {
        return batch;
    }

    long bytes() {
        return bytes;
    }

    int operations() {
        return operations;
    }

    @Override
    public void close() {
        try {
            batch.close();
        } catch (IOException e) {
            throw new StoreException("releasing a write batch failed", e);
        }
    }
}
