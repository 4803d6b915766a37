package io.annals.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.Snapshot;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

/**
 * The one LevelDB database of a store (leveldbjni), with its failure translation and its lifecycle.
 *
 * <p>LevelDB itself is safe for one writer and many readers; reads that need several keys to agree
 * go through a {@link ReadView} over a LevelDB snapshot. The only lock here guards the lifecycle:
 * leveldbjni frees native memory on close, so a read racing a close would crash the JVM instead of
 * failing. Reads and views hold the read side for their duration; close takes the write side.
 */
final class LevelDb implements AutoCloseable {
    /** Commits a batch. The default writes it to the database; tests substitute failures. */
    @FunctionalInterface
    interface WriteGate {
        WriteGate DIRECT = (db, batch, options) -> db.write(batch, options);

        void write(DB db, WriteBatch batch, WriteOptions options);
    }

    private final DB db;
    private final WriteGate gate;
    private final WriteOptions writeOptions;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private LevelDb(DB db, WriteGate gate, boolean sync) {
        this.db = db;
        this.gate = gate;
        this.writeOptions = new WriteOptions().sync(sync);
    }

    static LevelDb open(Path directory, StoreSettings settings, WriteGate gate) {
        Options options =
                new Options()
                        .createIfMissing(true)
                        // lenient recovery: a record a killed writer left half-written at the end
                        // of LevelDB's log
                        // is dropped (it was never acknowledged) instead of failing the open
                        .paranoidChecks(false)
                        .writeBufferSize(settings.writeBufferBytes())
                        .blockSize(settings.blockSizeBytes())
                        .compressionType(
                                settings.compression()
                                        ? CompressionType.SNAPPY
                                        : CompressionType.NONE)
                        .cacheSize(settings.cacheBytes())
                        .maxOpenFiles(settings.maxOpenFiles());
        try {
            return new LevelDb(
                    JniDBFactory.factory.open(directory.toFile(), options),
                    gate,
                    settings.syncWrites());
        } catch (IOException | DBException e) {
            throw new StoreException(
                    "cannot open LevelDB at " + directory + ": " + e.getMessage(), e);
        }
    }

    Batch newBatch() {
        return whileOpen(() -> new Batch(db.createWriteBatch()));
    }

    /** Commits {@code batch} atomically: all of it or, on failure, none of it. */
    void write(Batch batch) {
        try {
            whileOpen(
                    () -> {
                        gate.write(db, batch.nativeBatch(), writeOptions);
                        return null;
                    });
        } catch (DBException | IllegalStateException e) {
            throw new StoreWriteException("LevelDB refused the write batch: " + e.getMessage(), e);
        }
    }

    byte[] get(byte[] key) {
        try {
            return whileOpen(() -> db.get(key));
        } catch (DBException e) {
            throw new StoreException("LevelDB read failed: " + e.getMessage(), e);
        }
    }

    /** A consistent view of the database as of now; close it promptly (it pins old data). */
    ReadView view() {
        Guard guard = enter();
        try {
            return new ReadView(guard, db.getSnapshot());
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
    }

    String property(String name) {
        return whileOpen(() -> db.getProperty(name));
    }

    @Override
    public void close() {
        Lock write = lifecycle.writeLock();
        write.lock();
        try {
            if (!closed) {
                closed = true;
                db.close();
            }
        } catch (IOException e) {
            throw new StoreException("closing LevelDB failed: " + e.getMessage(), e);
        } finally {
            write.unlock();
        }
    }

    /** Runs {@code action} with the database guaranteed open until it returns. */
    private <T> T whileOpen(Supplier<T> action) {
        Guard guard = enter();
        try {
            return action.get();
        } finally {
            guard.close();
        }
    }

    private Guard enter() {
        Lock read = lifecycle.readLock();
        read.lock();
        if (closed) {
            read.unlock();
            throw new StoreClosedException();
        }
        return read::unlock;
    }

    private static void closeQuietly(DBIterator iterator) {
        try {
            iterator.close();
        } catch (IOException e) {
            throw new StoreException("releasing a LevelDB iterator failed", e);
        }
    }

    /** Releases the lifecycle read side. */
    @FunctionalInterface
    private interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    /** Visits entries in key order; returns false to stop. */
    @FunctionalInterface
    interface EntryVisitor {
        boolean visit(byte[] key, byte[] value);
    }

    /** Reads from one LevelDB snapshot. Not thread-safe; one per operation. */
    final class ReadView implements AutoCloseable {
        private final Guard guard;
        private final Snapshot snapshot;
        private final ReadOptions options;
        private DBIterator iterator;
        private boolean scanning;
        private boolean open = true;

        private ReadView(Guard guard, Snapshot snapshot) {
            this.guard = guard;
            this.snapshot = snapshot;
            this.options = new ReadOptions().snapshot(snapshot);
        }

        byte[] get(byte[] key) {
            try {
                return db.get(key, options);
            } catch (DBException e) {
                throw new StoreException("LevelDB read failed: " + e.getMessage(), e);
            }
        }

        /**
         * Visits the entries with {@code from <= key < to} in order until the visitor says stop.
         * The view's iterator is reused from scan to scan; a scan started inside a visitor gets its
         * own.
         */
        void scan(byte[] from, byte[] to, EntryVisitor visitor) {
            boolean nested = scanning;
            DBIterator it = nested ? db.iterator(options) : iterator();
            scanning = true;
            try {
                for (it.seek(from); it.hasNext(); ) {
                    var entry = it.next();
                    if (Arrays.compareUnsigned(entry.getKey(), to) >= 0
                            || !visitor.visit(entry.getKey(), entry.getValue())) {
                        return;
                    }
                }
            } catch (DBException e) {
                throw new StoreException("LevelDB iteration failed: " + e.getMessage(), e);
            } finally {
                scanning = nested;
                if (nested) {
                    closeQuietly(it);
                }
            }
        }

        private DBIterator iterator() {
            if (iterator == null) {
                iterator = db.iterator(options);
            }
            return iterator;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                try {
                    if (iterator != null) {
                        iterator.close();
                    }
                    snapshot.close();
                } catch (IOException e) {
                    throw new StoreException("releasing a LevelDB snapshot failed", e);
                } finally {
                    guard.close();
                }
            }
        }
    }
}
