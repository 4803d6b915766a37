package io.annals.store;

import com.typesafe.config.Config;
import io.annals.core.config.ConfigSection;

/**
 * How the store is opened; read once from {@code annals.store} (see {@code reference.conf}, where
 * every default is explained with the measurement behind it).
 *
 * @param startBlock the first block this node keeps; the contiguous head counts from here
 * @param syncWrites fsync segment files and the LevelDB log before a write returns, so that an
 *     acknowledged block survives power loss (a process crash loses nothing either way)
 * @param writeBufferBytes LevelDB memtable size
 * @param blockSizeBytes LevelDB table block size
 * @param compression Snappy for LevelDB tables (the indexes hold mostly hashes, which do not
 *     compress)
 * @param cacheBytes LevelDB block cache for reads
 * @param maxOpenFiles LevelDB table files kept open
 * @param logIndexBuckets log-index buckets per block, a power of two up to 256, or 0 for no log
 *     index (queries then pre-filter blocks with their header blooms); fixed when the store is
 *     created
 * @param minFreeBytes the free space below which the store refuses writes that add blocks: LevelDB
 *     writes its files through memory maps, and a mapped write that finds the disk full kills the
 *     process (SIGBUS) instead of failing, so the store stops while LevelDB still has room
 */
public record StoreSettings(
        long startBlock,
        boolean syncWrites,
        int writeBufferBytes,
        int blockSizeBytes,
        boolean compression,
        long cacheBytes,
        int maxOpenFiles,
        int logIndexBuckets,
        long minFreeBytes) {
    public StoreSettings {
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException(
                    "min-free-space must not be negative, got " + minFreeBytes);
        }
        if (startBlock < 0) {
            throw new IllegalArgumentException(
                    "start-block must not be negative, got " + startBlock);
        }
        if (writeBufferBytes < 64 << 10
                || blockSizeBytes < 1024
                || cacheBytes < 0
                || maxOpenFiles < 20) {
            throw new IllegalArgumentException("LevelDB options out of range: " + this);
        }
        if (logIndexBuckets != 0
                && (logIndexBuckets > 256 || Integer.bitCount(logIndexBuckets) != 1)) {
            throw new IllegalArgumentException(
                    "log-index buckets must be 0 (no index) or a power of two up to 256: "
                            + logIndexBuckets);
        }
    }

    /** The defaults of {@code reference.conf}. */
    public static StoreSettings defaults() {
        return new StoreSettings(
                0, true, 16 << 20, 16 << 10, false, 64L << 20, 1000, 256, 64L << 20);
    }

    public static StoreSettings fromConfig(Config config) {
        Config c = config.getConfig("annals.store");
        return ConfigSection.at(config, "annals.store")
                .build(
                        () ->
                                new StoreSettings(
                                        c.getLong("start-block"),
                                        c.getBoolean("sync-writes"),
                                        Math.toIntExact(c.getBytes("leveldb.write-buffer")),
                                        Math.toIntExact(c.getBytes("leveldb.block-size")),
                                        c.getBoolean("leveldb.compression"),
                                        c.getBytes("leveldb.cache"),
                                        c.getInt("leveldb.max-open-files"),
                                        c.getInt("log-index.buckets"),
                                        c.getBytes("min-free-space")));
    }

    public StoreSettings withStartBlock(long block) {
        return new StoreSettings(
                block,
                syncWrites,
                writeBufferBytes,
                blockSizeBytes,
                compression,
                cacheBytes,
                maxOpenFiles,
                logIndexBuckets,
                minFreeBytes);
    }

    public StoreSettings withSyncWrites(boolean sync) {
        return new StoreSettings(
                startBlock,
                sync,
                writeBufferBytes,
                blockSizeBytes,
                compression,
                cacheBytes,
                maxOpenFiles,
                logIndexBuckets,
                minFreeBytes);
    }

    public StoreSettings withLevelDb(int writeBuffer, int blockSize, boolean compress) {
        return new StoreSettings(
                startBlock,
                syncWrites,
                writeBuffer,
                blockSize,
                compress,
                cacheBytes,
                maxOpenFiles,
                logIndexBuckets,
                minFreeBytes);
    }

    public StoreSettings withLogIndexBuckets(int buckets) {
        return new StoreSettings(
                startBlock,
                syncWrites,
                writeBufferBytes,
                blockSizeBytes,
                compression,
                cacheBytes,
                maxOpenFiles,
                buckets,
                minFreeBytes);
    }

    public StoreSettings withMinFreeBytes(long bytes) {
        return new StoreSettings(
                startBlock,
                syncWrites,
                writeBufferBytes,
                blockSizeBytes,
                compression,
                cacheBytes,
                maxOpenFiles,
                logIndexBuckets,
                bytes);
    }
}
