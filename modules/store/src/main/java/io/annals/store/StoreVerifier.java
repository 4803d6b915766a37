package io.annals.store;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.store.codec.ByteSource;
import io.annals.store.codec.CompactReceipts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the whole store from one snapshot and checks that every table agrees with the blocks: the
 * forward pass checks each stored block against its own header and its index entries; the reverse
 * pass counts each index table, so that an entry no block accounts for (a leftover of a lost
 * rollback, say) is found too. Runs in time linear in the store's size; meant for operators and
 * tests.
 */
final class StoreVerifier {
    static final List<String> CHECKS =
            List.of(
                    "every stored header decodes and sits under its own number",
                    "the presence runs list exactly the blocks whose headers are stored",
                    "the canonical index maps each block's hash to its number, and holds nothing else",
                    "each block has a segment location whose body, receipts and transaction-hash sections pass"
                            + " their CRC32C checksums",
                    "the stored body matches the header: transactions root, ommers hash, withdrawals root",
                    "the stored receipts match the header: receipts root (recomputed from the receipts), logs bloom,"
                            + " gas used; one receipt per transaction",
                    "the stored transaction hashes are the Keccak-256 of the stored transactions",
                    "each transaction has its lookup entry, and the lookup table holds no other entries",
                    "each 16-block group's log-index entries are exactly those recomputed from its blocks' receipts,"
                            + " and the index holds no other entries",
                    "consecutive stored blocks link by parent hash",
                    "every segment file is exactly as long as its committed end, and every record lies within it");

    private final LevelDb.ReadView view;
    private final BlockReader reader;
    private final LogIndex logIndex;
    private final PresenceRuns presence;
    private final SegmentFiles segments;
    private final Map<Long, Long> committedEnds;
    private final List<String> problems = new ArrayList<>();
    private final java.util.TreeSet<Long> damaged = new java.util.TreeSet<>();
    private final long from;
    private final long to;
    private final java.util.function.LongConsumer progress;
    private long problemCount;
    private long blocks;
    private long transactions;
    private long logs;
    private long postingEntries;

    /**
     * The group whose expected log-index entries are being gathered, and those entries by bucket.
     */
    private long currentGroup = -1;

    private final Map<Integer, GroupEntry> expectedEntries = new HashMap<>();

    StoreVerifier(
            LevelDb.ReadView view,
            BlockReader reader,
            LogIndex logIndex,
            PresenceRuns presence,
            SegmentFiles segments,
            long from,
            long to,
            java.util.function.LongConsumer progress) {
        // whole 16-block groups, so each group's log-index entries are compared with all its blocks
        this.from = Math.max(0, from) & -LogIndex.GROUP_SIZE;
        this.to = to >= HistoryStore.MAX_BLOCK_NUMBER ? to : to | (LogIndex.GROUP_SIZE - 1);
        this.progress = progress;
        this.view = view;
        this.reader = reader;
        this.logIndex = logIndex;
        this.presence = presence;
        this.segments = segments;
        this.committedEnds = StoreOpener.committedEnds(view);
    }

    VerificationReport run() {
        long[] previous = {-2};
        Hash[] previousHash = {null};
        view.scan(
                Keys.header(from),
                to >= HistoryStore.MAX_BLOCK_NUMBER
                        ? Keys.tableEnd(Keys.HEADER)
                        : Keys.header(to + 1),
                (key, value) -> {
                    long number = Keys.number(key);
                    Hash hash =
                            checkBlock(
                                    number,
                                    value,
                                    previous[0] == number - 1 ? previousHash[0] : null);
                    previous[0] = number;
                    previousHash[0] = hash;
                    progress.accept(blocks);
                    return true;
                });
        checkGroupEntries();
        boolean whole = from == 0 && to >= HistoryStore.MAX_BLOCK_NUMBER;
        if (whole) {
            // the reverse pass: entries no block accounts for; only the whole store has the totals
            long runBlocks = presence.ranges().stream().mapToLong(BlockRange::size).sum();
            if (runBlocks != blocks) {
                problem(
                        "presence runs cover "
                                + runBlocks
                                + " blocks but "
                                + blocks
                                + " headers are stored");
            }
            expectCount("canonical index entries", countEntries(Keys.CANONICAL), blocks);
            expectCount("segment locations", countEntries(Keys.BLOCK), blocks);
            expectCount("transaction lookup entries", countLookupIndices(), transactions);
            expectCount("log-index entries", countEntries(Keys.LOG_INDEX), postingEntries);
            committedEnds.forEach(
                    (shard, end) -> {
                        long size = segments.fileSize(shard);
                        if (size != end) {
                            problem(
                                    SegmentFiles.fileName(shard)
                                            + " has "
                                            + size
                                            + " bytes, its committed end is "
                                            + end);
                        }
                    });
        }
        return new VerificationReport(
                from,
                whole ? HistoryStore.MAX_BLOCK_NUMBER : to,
                whole,
                blocks,
                transactions,
                logs,
                postingEntries,
                CHECKS,
                problems,
                problemCount,
                List.copyOf(damaged));
    }

    /** Checks one block; returns its hash for the parent link of the next one. */
    private Hash checkBlock(long number, byte[] headerBytes, Hash parentHash) {
        blocks++;
        BlockHeader header;
        try {
            header = BlockHeader.decode(headerBytes);
        } catch (RuntimeException e) {
            blockProblem(number, "header does not decode: " + e.getMessage());
            return null;
        }
        Hash hash = header.hash();
        if (header.number() != number) {
            blockProblem(number, "header says number " + header.number());
        }
        if (!presence.contains(number)) {
            blockProblem(number, "header stored but not in the presence runs");
        }
        if (parentHash != null && !header.parentHash().equals(parentHash)) {
            blockProblem(
                    number,
                    "parent hash "
                            + header.parentHash()
                            + " is not block "
                            + (number - 1)
                            + "'s hash "
                            + parentHash);
        }
        byte[] canonical = view.get(Keys.canonical(hash));
        if (canonical == null
                || new ByteSource(canonical, "canonical number").readVarLong() != number) {
            blockProblem(number, "canonical index does not map " + hash + " to it");
        }
        try {
            checkContents(number, header);
        } catch (StoreException | io.annals.core.rlp.RlpException e) {
            blockProblem(number, "" + e.getMessage());
        }
        return hash;
    }

    private void checkContents(long number, BlockHeader header) {
        Optional<SegmentLocation> at = reader.location(view, number);
        if (at.isEmpty()) {
            blockProblem(number, "no segment location");
            return;
        }
        long shard = number / HistoryStore.SHARD_SIZE;
        if (at.get().end() > committedEnds.getOrDefault(shard, 0L)) {
            blockProblem(
                    number,
                    "its record ends at "
                            + at.get().end()
                            + ", past the committed end of "
                            + SegmentFiles.fileName(shard));
        }
        at.get()
                .knownStamp()
                .filter(
                        stamp ->
                                !stamp.hash().equals(header.hash())
                                        || stamp.timestamp() != header.timestamp())
                .ifPresent(
                        stamp ->
                                blockProblem(
                                        number,
                                        "its segment location names block "
                                                + stamp.hash()
                                                + " at time "
                                                + stamp.timestamp()
                                                + ", not its header's"));
        byte[] bodyBytes =
                reader.bodyBytes(view, number).orElseThrow(() -> missing(number, "body"));
        BlockBody body = BlockBody.decode(bodyBytes);
        body.mismatchWith(header).ifPresent(m -> blockProblem(number, "body: " + m));
        List<Receipt> receipts =
                CompactReceipts.decode(
                        reader.receiptBytes(number, at.get())
                                .orElseThrow(() -> missing(number, "receipts")));
        if (receipts.size() != body.transactions().size()) {
            blockProblem(
                    number,
                    ""
                            + receipts.size()
                            + " receipts for "
                            + body.transactions().size()
                            + " transactions");
        }
        Receipts.mismatchWith(header, receipts)
                .ifPresent(m -> blockProblem(number, "receipts: " + m));
        byte[] hashes =
                reader.hashBytes(number, at.get())
                        .orElseThrow(() -> missing(number, "transaction hashes"));
        for (int i = 0; i < body.transactions().size(); i++) {
            byte[] expected = body.transactions().get(i).hash().unsafeArray();
            if (hashes.length < (i + 1) * Hash.SIZE
                    || !Arrays.equals(
                            hashes, i * Hash.SIZE, (i + 1) * Hash.SIZE, expected, 0, Hash.SIZE)) {
                blockProblem(number, "stored hash of transaction " + i + " is wrong");
            }
            checkLookup(number, i, expected);
        }
        transactions += body.transactions().size();
        receipts.forEach(r -> logs += r.logs().size());
        if (LogIndex.group(number) != currentGroup) {
            checkGroupEntries();
            currentGroup = LogIndex.group(number);
        }
        for (LogIndex.Posting posting : logIndex.postings(receipts)) {
            expectedEntries
                    .computeIfAbsent(posting.bucket(), b -> new GroupEntry())
                    .put(LogIndex.offset(number), posting.remainders());
        }
    }

    /**
     * Compares the log-index entries of the group just passed with those recomputed from its
     * blocks.
     */
    private void checkGroupEntries() {
        long first = currentGroup << LogIndex.GROUP_BITS;
        expectedEntries.forEach(
                (bucket, blocks) -> {
                    postingEntries++;
                    byte[] stored = view.get(LogIndex.key(first, bucket));
                    if (stored == null || !Arrays.equals(stored, blocks.encode())) {
                        for (long n = first; n < first + LogIndex.GROUP_SIZE; n++) {
                            if (presence.contains(n)
                                    && damaged.size() < VerificationReport.MAX_DAMAGED) {
                                damaged.add(n);
                            }
                        }
                        problem(
                                "blocks "
                                        + first
                                        + ".."
                                        + (first + LogIndex.GROUP_SIZE - 1)
                                        + ": log-index bucket "
                                        + bucket
                                        + " is missing or differs from the blocks' receipts");
                    }
                });
        expectedEntries.clear();
    }

    private void checkLookup(long number, int index, byte[] txHash) {
        byte[] value = view.get(Keys.txLookup(txHash, number));
        if (value != null) {
            ByteSource indices = new ByteSource(value, "transaction lookup");
            while (indices.hasMore()) {
                if (indices.readVarLong() == index) {
                    return;
                }
            }
        }
        blockProblem(number, "transaction " + index + " has no lookup entry");
    }

    private long countEntries(byte table) {
        long[] count = {0};
        view.scan(
                Keys.tableStart(table),
                Keys.tableEnd(table),
                (key, value) -> {
                    count[0]++;
                    return true;
                });
        return count[0];
    }

    private long countLookupIndices() {
        long[] count = {0};
        view.scan(
                Keys.tableStart(Keys.TX_LOOKUP),
                Keys.tableEnd(Keys.TX_LOOKUP),
                (key, value) -> {
                    ByteSource indices = new ByteSource(value, "transaction lookup");
                    while (indices.hasMore()) {
                        indices.readVarLong();
                        count[0]++;
                    }
                    return true;
                });
        return count[0];
    }

    private void expectCount(String what, long found, long expected) {
        if (found != expected) {
            problem(found + " " + what + " for " + expected + " expected");
        }
    }

    private StoreCorruptionException missing(long number, String what) {
        return new StoreCorruptionException("the " + what + " of block " + number + " are missing");
    }

    /**
     * A problem of one block's own records: dropping the block (and fetching it again) fixes it.
     */
    private void blockProblem(long number, String description) {
        if (damaged.size() < VerificationReport.MAX_DAMAGED) {
            damaged.add(number);
        }
        problem("block " + number + ": " + description);
    }

    private void problem(String description) {
        problemCount++;
        if (problems.size() < VerificationReport.MAX_PROBLEMS) {
            problems.add(description);
        }
    }
}
