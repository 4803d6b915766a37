package io.annals.store;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.codec.ByteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The history store of one node: headers, bodies, receipts, the canonical index, transaction
 * lookups and the log index, in one LevelDB database plus append-only segment files for the bulky
 * bytes (see docs/architecture.md, "Storage", for the layout and the measurements behind it).
 *
 * <p><b>Blocking.</b> Every method does disk I/O and may block for milliseconds (or, during LevelDB
 * compaction, longer). Callers must run them on a dedicated blocking dispatcher or thread pool,
 * never on an actor's or Netty's event-loop threads; the sync module's Writer runs on Pekko's
 * blocking dispatcher.
 *
 * <p><b>Threads.</b> One writer and any number of concurrent readers. Writes (blocks, rollbacks,
 * checkpoints) are serialised by the store. Reads take no lock: each answer is read from one
 * LevelDB snapshot, and presence is an immutable value published after the batch that persists it
 * commits. Closing waits for reads in progress; afterwards every call throws
 * {@link StoreClosedException}.
 *
 * <p><b>Atomicity.</b> A write is one LevelDB batch holding everything of its blocks (header,
 * canonical entry, segment locations, transaction lookups, log postings, presence). A rollback is
 * one batch that removes every trace of the dropped blocks. Segment bytes are appended before the
 * batch that references them and cut off again when it fails, or on the next open after a crash.
 */
public final class HistoryStore implements AutoCloseable {
    /** Blocks per segment file, as the cluster's shards cut history. */
    public static final long SHARD_SIZE = 10_000;
    /** The log-index key holds the partition (number / 4096) in four bytes. */
    public static final long MAX_BLOCK_NUMBER = (1L << 44) - 1;

    private final LevelDb db;
    private final SegmentFiles segments;
    private final StoreMetadata metadata;
    private final boolean syncWrites;
    private final LogIndex logIndex;
    private final BlockReader reader;
    private final BlockEraser eraser;
    private final LogQueryEngine logQueries;
    private final Object writeLock = new Object();
    private volatile PresenceRuns presence;

    private HistoryStore(LevelDb db, SegmentFiles segments, StoreMetadata metadata, boolean syncWrites,
                         PresenceRuns presence) {
        this.db = db;
        this.segments = segments;
        this.metadata = metadata;
        this.syncWrites = syncWrites;
        this.logIndex = new LogIndex(metadata.salt(), metadata.logIndexBuckets());
        this.reader = new BlockReader(db, segments);
        this.eraser = new BlockEraser(segments, logIndex);
        this.logQueries = new LogQueryEngine(reader, logIndex);
        this.presence = presence;
    }

    /**
     * Opens (or creates) the store in {@code directory}, cutting off whatever an interrupted write
     * left behind.
     *
     * @throws IncompatibleStoreException when the store belongs to another chain or a newer schema
     */
    public static HistoryStore open(Path directory, ChainIdentity chain, StoreSettings settings) {
        return open(directory, chain, settings, LevelDb.WriteGate.DIRECT);
    }

    static HistoryStore open(Path directory, ChainIdentity chain, StoreSettings settings, LevelDb.WriteGate gate) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the store directory " + directory, e);
        }
        LevelDb db = LevelDb.open(directory.resolve("index"), settings, gate);
        try {
            Map<Long, Long> runs = new TreeMap<>();
            Map<Long, Long> ends = new HashMap<>();
            boolean[] empty = {true};
            try (LevelDb.ReadView view = db.view()) {
                view.scan(new byte[] {0}, new byte[] {(byte) 0xff}, (key, value) -> {
                    empty[0] = false;
                    return false; // one entry is enough
                });
                view.scan(Keys.tableStart(Keys.PRESENCE), Keys.tableEnd(Keys.PRESENCE), (key, value) -> {
                    runs.put(Keys.number(key), new ByteSource(value, "presence run").readLong());
                    return true;
                });
                view.scan(Keys.tableStart(Keys.SEGMENT_END), Keys.tableEnd(Keys.SEGMENT_END), (key, value) -> {
                    ends.put(Keys.number(key), new ByteSource(value, "segment end").readVarLong());
                    return true;
                });
            }
            StoreMetadata metadata = StoreMetadata.openOrCreate(db, chain, settings, empty[0]);
            SegmentFiles segments = SegmentFiles.open(directory.resolve("segments"), ends);
            return new HistoryStore(db, segments, metadata, settings.syncWrites(), PresenceRuns.of(runs));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    // ---- writes (one writer at a time) ----

    /**
     * Stores blocks in one atomic batch. A block already present with the same header is skipped, so
     * a repeated write is harmless.
     *
     * @throws IllegalArgumentException when a number repeats, is out of range, or is present with another
     *                                  hash (that is a reorg: use {@link #replaceAbove}); nothing is written
     * @throws StoreWriteException      when the disk refuses the write; nothing is written
     */
    public WriteResult write(List<FullBlock> blocks) {
        synchronized (writeLock) {
            PresenceRuns before = presence;
            checkNumbers(blocks, -1);
            List<FullBlock> fresh = new ArrayList<>(blocks.size());
            for (FullBlock block : blocks) {
                if (before.contains(block.number()) && sameAsStored(block)) {
                    continue;
                }
                fresh.add(block);
            }
            if (fresh.isEmpty()) {
                return new WriteResult(0, blocks.size(), 0);
            }
            PresenceRuns after = before.plus(numbers(fresh));
            return commit(before, after, plan -> {
                fresh.forEach(plan::addBlock);
                return new WriteResult(fresh.size(), blocks.size() - fresh.size(), plan.blockBytes());
            });
        }
    }

    public WriteResult write(FullBlock block) {
        return write(List.of(block));
    }

    /**
     * Drops every block above {@code number} and stores {@code blocks} (all above it) in their place,
     * in one atomic batch: a reorg.
     */
    public WriteResult replaceAbove(long number, List<FullBlock> blocks) {
        synchronized (writeLock) {
            checkNumbers(blocks, number);
            PresenceRuns before = presence;
            PresenceRuns after = before.withoutAbove(number).plus(numbers(blocks));
            try (LevelDb.ReadView view = db.view()) {
                return commit(before, after, plan -> {
                    eraser.eraseAbove(view, plan, before, number);
                    blocks.forEach(plan::addBlock);
                    return new WriteResult(blocks.size(), 0, plan.blockBytes());
                });
            }
        }
    }

    /** Removes every block above {@code number} in one atomic batch. */
    public void rollbackAbove(long number) {
        replaceAbove(number, List.of());
    }

    /** Records a trusted block hash (a sync anchor). */
    public void putCheckpoint(long number, Hash hash) {
        synchronized (writeLock) {
            try (Batch batch = db.newBatch()) {
                db.write(batch.put(Keys.checkpoint(number), hash.toArray()));
            }
        }
    }

    private WriteResult commit(PresenceRuns before, PresenceRuns after, Function<WritePlan, WriteResult> build) {
        try (WritePlan plan = new WritePlan(db, segments, logIndex)) {
            WriteResult result;
            try {
                result = build.apply(plan);
                plan.finish(before.changeTo(after));
            } catch (RuntimeException e) {
                plan.abandon(e);
                throw e;
            }
            plan.commit(syncWrites);
            presence = after;
            return result;
        }
    }

    private static void checkNumbers(List<FullBlock> blocks, long above) {
        Set<Long> seen = new HashSet<>();
        for (FullBlock block : blocks) {
            long n = block.number();
            if (n < 0 || n > MAX_BLOCK_NUMBER) {
                throw new IllegalArgumentException("block number " + Long.toUnsignedString(n) + " is out of range");
            }
            if (n <= above) {
                throw new IllegalArgumentException("block " + n + " is not above " + above);
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("block " + n + " appears twice in one write");
            }
        }
    }

    private boolean sameAsStored(FullBlock block) {
        byte[] stored = db.get(Keys.header(block.number()));
        if (stored != null && java.util.Arrays.equals(stored, block.header().unsafeEncoding())) {
            return true;
        }
        throw new IllegalArgumentException("block " + block.number() + " is already stored with another hash;"
                + " replace the chain above " + (block.number() - 1) + " to reorg");
    }

    private static long[] numbers(List<FullBlock> blocks) {
        return blocks.stream().mapToLong(FullBlock::number).toArray();
    }

    // ---- presence ----

    public long startBlock() {
        return metadata.startBlock();
    }

    public ChainIdentity chain() {
        return metadata.chain();
    }

    /** True when the block's header (and with it everything of the block) is stored. */
    public boolean isPresent(long number) {
        return presence.contains(number);
    }

    /**
     * The highest block H such that every block from the start block to H is present; empty while
     * the start block itself is missing. Only a rollback makes it go down.
     */
    public OptionalLong contiguousHead() {
        return presence.contiguousHead(metadata.startBlock());
    }

    /** The lowest stored block. */
    public OptionalLong earliestBlock() {
        return presence.lowest();
    }

    /** The highest stored block (there may be gaps below it). */
    public OptionalLong highestBlock() {
        return presence.highest();
    }

    /** Maximal runs of present blocks, in order. */
    public List<BlockRange> presentRanges() {
        return presence.ranges();
    }

    /** The runs of {@code from..to} that are not stored: what sync still has to fetch there. */
    public List<BlockRange> missingIn(long from, long to) {
        return presence.missingIn(from, to);
    }

    // ---- reads ----

    public Optional<BlockHeader> header(long number) {
        return read(view -> reader.header(view, number));
    }

    public Optional<BlockHeader> header(Hash hash) {
        return read(view -> {
            OptionalLong number = reader.number(view, hash);
            return number.isPresent() ? reader.header(view, number.getAsLong()) : Optional.empty();
        });
    }

    /** The hash of the stored block at {@code number}. */
    public Optional<Hash> canonicalHash(long number) {
        return read(view -> reader.hash(view, number));
    }

    /** The number of the stored block with this hash. */
    public OptionalLong blockNumber(Hash hash) {
        return read(view -> reader.number(view, hash));
    }

    public Optional<BlockBody> body(long number) {
        return read(view -> reader.body(view, number));
    }

    /** The block's transaction hashes in order, read without hashing the transactions. */
    public Optional<List<Hash>> transactionHashes(long number) {
        return read(view -> reader.transactionHashes(view, number));
    }

    public Optional<TransactionLocation> transaction(Hash hash) {
        return read(view -> reader.transaction(view, hash));
    }

    public Optional<BlockReceipts> receipts(long number) {
        return read(view -> reader.receipts(view, number));
    }

    /** Answers an {@code eth_getLogs} query from one consistent snapshot. */
    public LogQueryResult logs(LogQuery query) {
        PresenceRuns present = presence;
        return read(view -> logQueries.run(view, present, query));
    }

    public NavigableMap<Long, Hash> checkpoints() {
        return read(view -> {
            NavigableMap<Long, Hash> out = new TreeMap<>();
            view.scan(Keys.tableStart(Keys.CHECKPOINT), Keys.tableEnd(Keys.CHECKPOINT), (key, value) -> {
                out.put(Keys.number(key), Hash.wrap(value));
                return true;
            });
            return out;
        });
    }

    /** Checks every stored block against its header and every index against the blocks (see {@link StoreVerifier}). */
    public VerificationReport verify() {
        PresenceRuns present = presence;
        return read(view -> new StoreVerifier(view, reader, logIndex, present).run());
    }

    /** LevelDB's own statistics (levels, compactions), for diagnostics. */
    public String levelDbStats() {
        return db.property("leveldb.stats");
    }

    private <T> T read(Function<LevelDb.ReadView, T> query) {
        try (LevelDb.ReadView view = db.view()) {
            return query.apply(view);
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            db.close();
            segments.close();
        }
    }

    /** What a write did. */
    public record WriteResult(int blocksWritten, int blocksAlreadyPresent, long bytes) {}
}
