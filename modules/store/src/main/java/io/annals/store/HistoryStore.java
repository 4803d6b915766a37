package io.annals.store;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
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
 * checkpoints) are serialised by the store. Reads never wait for a write: each answer is read from
 * one LevelDB snapshot, and presence is an immutable value published after the batch that persists
 * it commits. Their only shared guard is the lifecycle's (closing waits for reads in progress;
 * afterwards every call throws {@link StoreClosedException}).
 *
 * <p><b>Atomicity.</b> A write is one LevelDB batch holding everything of its blocks (header,
 * canonical entry, segment locations, transaction lookups, log postings, presence). A rollback is
 * one batch that removes every trace of the dropped blocks. Segment bytes are appended before the
 * batch that references them and cut off again when it fails, or on the next open after a crash.
 */
public final class HistoryStore implements HistoryReader, AutoCloseable {
    /** Blocks per segment file, as the cluster's shards cut history. */
    public static final long SHARD_SIZE = 10_000;

    /** The log-index key holds the partition (number / 4096) in four bytes. */
    public static final long MAX_BLOCK_NUMBER = (1L << 44) - 1;

    /**
     * The most blocks one atomic rollback drops: a reorg deeper than this is refused (finality
     * makes mainnet reorgs a few blocks deep), and {@link #rollbackAbove} cuts deeper ranges into
     * batches.
     */
    public static final int MAX_ATOMIC_ROLLBACK = 1024;

    private final LevelDb db;
    private final SegmentFiles segments;
    private final StoreMetadata metadata;
    private final LogIndex logIndex;
    private final BlockReader reader;
    private final StoreWriter writer;
    private final LogQueryEngine logQueries;
    private final SharedWork queryHelpers;

    private HistoryStore(
            LevelDb db,
            SegmentFiles segments,
            StoreMetadata metadata,
            boolean syncWrites,
            FreeSpaceGuard freeSpace,
            PresenceRuns presence) {
        this.db = db;
        this.segments = segments;
        this.metadata = metadata;
        this.logIndex =
                new LogIndex(metadata.salt(), metadata.logIndexBuckets(), metadata.logIndexPairs());
        this.reader = new BlockReader(db, segments);
        this.writer = new StoreWriter(db, segments, logIndex, syncWrites, freeSpace, presence);
        this.queryHelpers = SharedWork.withHelpers(SharedWork.defaultHelpers(), "annals-log-query");
        this.logQueries = new LogQueryEngine(reader, logIndex, queryHelpers);
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

    /**
     * Opens the store in {@code directory} as it was created (its own chain, start block and log
     * index), for the operator's tools; creates nothing.
     *
     * @throws StoreException when the directory holds no history store
     */
    public static HistoryStore openExisting(Path directory, StoreSettings settings) {
        StoreMetadata.Stored stored = StoreOpener.storedIdentity(directory, settings);
        return open(directory, stored.chain(), settings.withStartBlock(stored.startBlock()));
    }

    static HistoryStore open(
            Path directory, ChainIdentity chain, StoreSettings settings, LevelDb.WriteGate gate) {
        StoreOpener.Opened opened = StoreOpener.open(directory, chain, settings, gate);
        return new HistoryStore(
                opened.db(),
                opened.segments(),
                opened.metadata(),
                settings.syncWrites(),
                new FreeSpaceGuard(directory, settings.minFreeBytes()),
                opened.presence());
    }

    // ---- writes (one writer at a time) ----

    /**
     * Stores blocks in one atomic batch. A block already present with the same header is skipped,
     * so a repeated write is harmless.
     *
     * @throws IllegalArgumentException when a number repeats, is out of range, or is present with
     *     another hash (that is a reorg: use {@link #replaceAbove}); nothing is written
     * @throws StoreWriteException when the disk refuses the write; nothing is written
     */
    public WriteResult write(List<? extends StorableBlock> blocks) {
        return writer.write(blocks);
    }

    public WriteResult write(StorableBlock block) {
        return write(List.of(block));
    }

    /**
     * Drops every block above {@code number} and stores {@code blocks} (all above it) in their
     * place, in one atomic batch: a reorg.
     *
     * @throws IllegalArgumentException when it would drop more than {@link #MAX_ATOMIC_ROLLBACK}
     *     blocks
     */
    public WriteResult replaceAbove(long number, List<? extends StorableBlock> blocks) {
        return writer.replaceAbove(number, blocks);
    }

    /**
     * Removes every block above {@code number}: in one atomic batch when at most {@link
     * #MAX_ATOMIC_ROLLBACK} blocks are dropped (any reorg), else (an operator cutting the store
     * back) in batches of that many from the top down, each of which leaves a consistent store.
     */
    public void rollbackAbove(long number) {
        writer.rollbackAbove(number);
    }

    /**
     * Removes the present blocks of {@code first..last} in one atomic batch, whatever is stored
     * around them: how sync drops a segment that lost a conflict (a peer's fake blocks) without
     * touching the blocks above it. The contiguous head falls below {@code first} when the range
     * cuts into it.
     *
     * @throws IllegalArgumentException when the range holds more than {@link #MAX_ATOMIC_ROLLBACK}
     *     present blocks
     */
    public void removeRange(long first, long last) {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a block range: " + first + ".." + last);
        }
        writer.removeRange(first, last);
    }

    /** Records a trusted block hash (a sync anchor). */
    public void putCheckpoint(long number, Hash hash) {
        writer.putCheckpoint(number, hash);
    }

    // ---- presence ----

    @Override
    public long startBlock() {
        return metadata.startBlock();
    }

    public ChainIdentity chain() {
        return metadata.chain();
    }

    /** True when the block's header (and with it everything of the block) is stored. */
    public boolean isPresent(long number) {
        return writer.presence().contains(number);
    }

    /**
     * The highest block H such that every block from the start block to H is present; empty while
     * the start block itself is missing. Only a rollback makes it go down.
     */
    @Override
    public OptionalLong contiguousHead() {
        return writer.presence().contiguousHead(metadata.startBlock());
    }

    /** The lowest stored block. */
    @Override
    public OptionalLong earliestBlock() {
        return writer.presence().lowest();
    }

    /** The highest stored block (there may be gaps below it). */
    public OptionalLong highestBlock() {
        return writer.presence().highest();
    }

    /** Maximal runs of present blocks, in order. */
    public List<BlockRange> presentRanges() {
        return writer.presence().ranges();
    }

    /** The runs of {@code from..to} that are not stored: what sync still has to fetch there. */
    @Override
    public List<BlockRange> missingIn(long from, long to) {
        return writer.presence().missingIn(from, to);
    }

    // ---- reads ----

    @Override
    public Optional<BlockHeader> header(long number) {
        return read(view -> reader.header(view, number));
    }

    /** Both reads in one snapshot. */
    @Override
    public Optional<BlockHeader> header(Hash hash) {
        return read(
                view -> {
                    OptionalLong number = reader.number(view, hash);
                    return number.isPresent()
                            ? reader.header(view, number.getAsLong())
                            : Optional.empty();
                });
    }

    /** The hash of the stored block at {@code number}. */
    @Override
    public Optional<Hash> canonicalHash(long number) {
        return read(view -> reader.hash(view, number));
    }

    /** The number of the stored block with this hash. */
    @Override
    public OptionalLong blockNumber(Hash hash) {
        return read(view -> reader.number(view, hash));
    }

    public Optional<BlockBody> body(long number) {
        return read(view -> reader.body(view, number));
    }

    /**
     * The block body exactly as it was received and stored: {@code [transactions, ommers(,
     * withdrawals)]}.
     */
    @Override
    public Optional<byte[]> bodyRlp(long number) {
        return read(view -> reader.bodyBytes(view, number));
    }

    /** The block's transaction hashes in order, read without hashing the transactions. */
    @Override
    public Optional<List<Hash>> transactionHashes(long number) {
        return read(view -> reader.transactionHashes(view, number));
    }

    @Override
    public Optional<TransactionLocation> transaction(Hash hash) {
        return read(view -> reader.transaction(view, hash));
    }

    @Override
    public Optional<BlockReceipts> receipts(long number) {
        return read(view -> reader.receipts(view, number));
    }

    /** Answers an {@code eth_getLogs} query from one consistent snapshot. */
    @Override
    public LogQueryResult logs(LogQuery query) {
        PresenceRuns present = writer.presence();
        return read(view -> logQueries.run(view, present, query));
    }

    public NavigableMap<Long, Hash> checkpoints() {
        return read(
                view -> {
                    NavigableMap<Long, Hash> out = new TreeMap<>();
                    view.scan(
                            Keys.tableStart(Keys.CHECKPOINT),
                            Keys.tableEnd(Keys.CHECKPOINT),
                            (key, value) -> {
                                out.put(Keys.number(key), Hash.wrap(value));
                                return true;
                            });
                    return out;
                });
    }

    /**
     * Checks every stored block against its header and every index against the blocks (see {@link
     * StoreVerifier}).
     */
    public VerificationReport verify() {
        return verify(0, MAX_BLOCK_NUMBER, checked -> {});
    }

    /**
     * Checks the stored blocks of {@code from..to} (widened to whole 16-block groups) and their
     * index entries; only a check of the whole store also counts the index tables for entries no
     * block accounts for.
     *
     * @param progress told the number of blocks checked so far, after each block
     */
    public VerificationReport verify(long from, long to, java.util.function.LongConsumer progress) {
        PresenceRuns present = writer.presence();
        return read(
                view ->
                        new StoreVerifier(
                                        view, reader, logIndex, present, segments, from, to,
                                        progress)
                                .run());
    }

    /**
     * What the store holds: blocks, runs and gaps, entries and bytes per table and segment file.
     */
    public StoreStats stats() {
        PresenceRuns present = writer.presence();
        return read(
                view -> {
                    long[] entries = new long[256];
                    long[] bytes = new long[256];
                    view.scan(
                            new byte[] {0},
                            new byte[] {(byte) 0xff},
                            (key, value) -> {
                                int table = key[0] & 0xff;
                                entries[table]++;
                                bytes[table] += key.length + value.length;
                                return true;
                            });
                    List<StoreStats.Table> tables = new java.util.ArrayList<>();
                    for (int t = 0; t < 256; t++) {
                        if (entries[t] > 0) {
                            tables.add(
                                    new StoreStats.Table(
                                            (char) t,
                                            Keys.tableName((byte) t),
                                            entries[t],
                                            bytes[t]));
                        }
                    }
                    Map<Long, Long> files =
                            new java.util.TreeMap<>(StoreOpener.committedEnds(view));
                    List<BlockRange> runs = present.ranges();
                    List<BlockRange> gaps =
                            runs.isEmpty()
                                    ? List.of()
                                    : present.missingIn(
                                            runs.get(0).first(), runs.get(runs.size() - 1).last());
                    return new StoreStats(
                            metadata.chain(),
                            metadata.schemaVersion(),
                            metadata.startBlock(),
                            metadata.logIndexBuckets(),
                            metadata.logIndexPairs(),
                            runs.stream().mapToLong(BlockRange::size).sum(),
                            runs,
                            gaps,
                            tables,
                            files);
                });
    }

    /**
     * Drops the blocks {@code report} found damaged (each run in one atomic batch), so that the
     * store holds only intact blocks and sync fetches the dropped ones again. What a report finds
     * beyond single blocks (index entries no block accounts for, a segment file's length) a drop
     * cannot fix; {@link RepairResult#unrepaired} says so.
     */
    public RepairResult repair(VerificationReport report) {
        return new StoreRepair(writer).repair(report);
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

    /**
     * Waits for a write in progress and for reads in progress, then releases the database and
     * files.
     */
    @Override
    public void close() {
        queryHelpers.close();
        writer.closeWith(
                () -> {
                    db.close();
                    segments.close();
                });
    }

    /** What a write did. */
    public record WriteResult(int blocksWritten, int blocksAlreadyPresent, long bytes) {}
}
