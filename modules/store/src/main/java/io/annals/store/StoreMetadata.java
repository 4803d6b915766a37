package io.annals.store;

import io.annals.core.types.Hash;
import io.annals.store.codec.ByteSink;
import io.annals.store.codec.ByteSource;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's identity and fixed parameters, kept under {@code m name} keys: schema version, chain
 * id and genesis hash, configured start block, log-index salt and bucket count, shard size. Checked
 * on every open, so that a store is never read with the wrong layout or filled with another chain.
 */
record StoreMetadata(
        int schemaVersion,
        ChainIdentity chain,
        long startBlock,
        long salt,
        int logIndexBuckets,
        boolean logIndexPairs,
        long shardSize) {
    private static final Logger LOG = LoggerFactory.getLogger(StoreMetadata.class);

    static final int SCHEMA_VERSION = 1;
    static final byte[] SCHEMA = Keys.meta("schema");
    static final byte[] CHAIN = Keys.meta("chain");
    static final byte[] START = Keys.meta("start-block");
    static final byte[] SALT = Keys.meta("log-index-salt");
    static final byte[] BUCKETS = Keys.meta("log-index-buckets");

    /**
     * Present (1) when the log index holds (address, topic 0) pairs: every store created since they
     * exist; an older store keeps its index without them, which its queries then do not ask for.
     */
    static final byte[] PAIRS = Keys.meta("log-index-pairs");

    static final byte[] SHARD_SIZE = Keys.meta("shard-size");

    /**
     * Reads and checks the metadata of an existing store, or writes it for a new (empty) one.
     *
     * @throws IncompatibleStoreException for another chain, a newer schema, or a database that is
     *     not a store
     */
    static StoreMetadata openOrCreate(
            LevelDb db, ChainIdentity chain, StoreSettings settings, boolean empty) {
        byte[] schema = db.get(SCHEMA);
        if (schema == null) {
            if (!empty) {
                throw new IncompatibleStoreException(
                        "the database holds data but no Annals schema version:"
                                + " it is not a history store");
            }
            return create(db, chain, settings);
        }
        int version = new ByteSource(schema, "schema version").readVarInt(Integer.MAX_VALUE);
        if (version > SCHEMA_VERSION) {
            throw new IncompatibleStoreException(
                    "the store was written with schema version "
                            + version
                            + ", newer than this build reads ("
                            + SCHEMA_VERSION
                            + "); upgrade Annals");
        }
        if (version < SCHEMA_VERSION) {
            throw new IncompatibleStoreException(
                    "the store has schema version "
                            + version
                            + " and this build needs "
                            + SCHEMA_VERSION
                            + "; there is no migration, so delete the store and sync again");
        }
        ChainIdentity stored = readChain(require(db, CHAIN));
        if (!stored.equals(chain)) {
            throw new IncompatibleStoreException(
                    "the store belongs to "
                            + stored
                            + ", not to the configured "
                            + chain
                            + "; point the node at another directory");
        }
        long salt = new ByteSource(require(db, SALT), "log-index salt").readLong();
        int buckets = new ByteSource(require(db, BUCKETS), "log-index buckets").readVarInt(256);
        long shardSize = new ByteSource(require(db, SHARD_SIZE), "shard size").readVarLong();
        if (shardSize != HistoryStore.SHARD_SIZE) {
            throw new IncompatibleStoreException(
                    "the store cuts segments every "
                            + shardSize
                            + " blocks, this build "
                            + HistoryStore.SHARD_SIZE);
        }
        if (buckets != settings.logIndexBuckets()) {
            LOG.info(
                    "The store's log index has {} buckets per block (set when it was created); the configured {}"
                            + " applies to new stores only",
                    buckets,
                    settings.logIndexBuckets());
        }
        long start = new ByteSource(require(db, START), "start block").readLong();
        if (start != settings.startBlock()) {
            LOG.info("Start block changed from {} to {}", start, settings.startBlock());
            try (Batch batch = db.newBatch()) {
                db.write(
                        batch.put(
                                START,
                                new ByteSink(8).writeLong(settings.startBlock()).toByteArray()));
            }
        }
        byte[] pairs = db.get(PAIRS);
        boolean indexesPairs =
                pairs != null && new ByteSource(pairs, "log-index pairs").readVarInt(1) == 1;
        return new StoreMetadata(
                version, stored, settings.startBlock(), salt, buckets, indexesPairs, shardSize);
    }

    /** What an existing store was created with. */
    record Stored(ChainIdentity chain, long startBlock) {}

    /**
     * The identity and start block of an existing store, read without changing anything.
     *
     * @throws IncompatibleStoreException when the database is not a history store
     */
    static Stored stored(LevelDb db) {
        if (db.get(SCHEMA) == null) {
            throw new IncompatibleStoreException("the database is not a history store");
        }
        return new Stored(
                readChain(require(db, CHAIN)),
                new ByteSource(require(db, START), "start block").readLong());
    }

    private static StoreMetadata create(LevelDb db, ChainIdentity chain, StoreSettings settings) {
        long salt = new SecureRandom().nextLong();
        try (Batch batch = db.newBatch()) {
            batch.put(
                    CHAIN,
                    new ByteSink(40)
                            .writeLong(chain.chainId())
                            .write(chain.genesisHash().unsafeArray())
                            .toByteArray());
            batch.put(START, new ByteSink(8).writeLong(settings.startBlock()).toByteArray());
            batch.put(SALT, new ByteSink(8).writeLong(salt).toByteArray());
            batch.put(
                    BUCKETS,
                    new ByteSink(2).writeVarLong(settings.logIndexBuckets()).toByteArray());
            batch.put(PAIRS, new ByteSink(1).writeVarLong(1).toByteArray());
            batch.put(
                    SHARD_SIZE,
                    new ByteSink(4).writeVarLong(HistoryStore.SHARD_SIZE).toByteArray());
            // one batch: the metadata of a new store is complete or absent
            batch.put(SCHEMA, new ByteSink(2).writeVarLong(SCHEMA_VERSION).toByteArray());
            db.write(batch);
        }
        LOG.info(
                "Created a history store for {} starting at block {}",
                chain,
                settings.startBlock());
        return new StoreMetadata(
                SCHEMA_VERSION,
                chain,
                settings.startBlock(),
                salt,
                settings.logIndexBuckets(),
                true,
                HistoryStore.SHARD_SIZE);
    }

    private static ChainIdentity readChain(byte[] value) {
        ByteSource in = new ByteSource(value, "chain identity");
        ChainIdentity chain = new ChainIdentity(in.readLong(), Hash.wrap(in.read(Hash.SIZE)));
        in.ensureEnd();
        return chain;
    }

    private static byte[] require(LevelDb db, byte[] key) {
        byte[] value = db.get(key);
        if (value == null) {
            throw new StoreCorruptionException(
                    "metadata entry "
                            + new String(
                                    key,
                                    1,
                                    key.length - 1,
                                    java.nio.charset.StandardCharsets.US_ASCII)
                            + " is missing");
        }
        return value;
    }
}
