package io.annals.store;

import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.store.codec.CompactLogScanner;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Answers {@link LogQuery}s. A filtered query walks the range one log-index partition (4,096
 * blocks) at a time: for each clause (the addresses, or the alternatives at one topic position) it
 * reads the entries of each value's bucket (one per 16 blocks) into a bit set of candidate blocks,
 * intersects the clauses, and then matches the candidates' stored receipts exactly. Memory is one
 * bit set per clause plus the results, which stop at the query's limit on a block boundary. A store
 * without a log index takes its candidates from the header blooms instead ({@link HeaderBlooms}); a
 * query without constraints reads the receipts of every block of the range.
 */
final class LogQueryEngine {
    /**
     * Candidate blocks matched at a time: the most a query over its limit reads in vain, and the
     * most blocks' matches held before they join the results in block order.
     */
    private static final int WAVE = 64;

    /** Fewer candidates than this are matched on the caller alone: too little to share. */
    private static final int SHARED_FROM = 8;

    private final BlockReader reader;
    private final LogIndex index;
    private final SharedWork work;

    LogQueryEngine(BlockReader reader, LogIndex index, SharedWork work) {
        this.reader = reader;
        this.index = index;
        this.work = work;
    }

    LogQueryResult run(LevelDb.ReadView view, PresenceRuns presence, LogQuery query) {
        if (query.toBlock() < query.fromBlock()) {
            return new LogQueryResult.Complete(List.of());
        }
        List<BlockRange> missing = presence.missingIn(query.fromBlock(), query.toBlock());
        if (!missing.isEmpty()) {
            return new LogQueryResult.Unavailable(missing);
        }
        CompiledLogFilter filter = new CompiledLogFilter(query, index.hasPairs());
        HeaderBlooms blooms =
                index.enabled() || filter.clauses().isEmpty() ? null : new HeaderBlooms(filter);
        Results results = new Results(query.maxResults());
        long first = query.fromBlock();
        while (first <= query.toBlock()) {
            long partitionEnd = (first | (LogIndex.PARTITION_SIZE - 1));
            long last = Math.min(query.toBlock(), partitionEnd);
            BitSet candidates =
                    filter.clauses().isEmpty()
                            ? all(first, last)
                            : index.enabled()
                                    ? candidates(view, filter, first, last)
                                    : bloomCandidates(view, blooms, first, last);
            int[] offsets = candidates.stream().toArray();
            for (int wave = 0; wave < offsets.length; wave += WAVE) {
                long waveFirst = first;
                int waveStart = wave;
                int size = Math.min(WAVE, offsets.length - wave);
                @SuppressWarnings("unchecked")
                List<LogEntry>[] matches = new List[size];
                IntConsumer match =
                        i ->
                                matches[i] =
                                        matchBlock(
                                                view, filter, waveFirst + offsets[waveStart + i]);
                if (size >= SHARED_FROM) {
                    work.run(size, match);
                } else {
                    for (int i = 0; i < size; i++) {
                        match.accept(i);
                    }
                }
                for (int i = 0; i < size; i++) {
                    if (results.logs.size() + matches[i].size() > results.limit) {
                        return new LogQueryResult.TooManyResults(
                                results.logs, first + offsets[wave + i] - 1, query.maxResults());
                    }
                    results.logs.addAll(matches[i]);
                }
            }
            first = last + 1;
        }
        return new LogQueryResult.Complete(results.logs);
    }

    /** Candidate blocks of {@code first..last} (one partition) as offsets from {@code first}. */
    private BitSet candidates(
            LevelDb.ReadView view, CompiledLogFilter filter, long first, long last) {
        BitSet candidates = null;
        for (CompiledLogFilter.Clause clause : filter.clauses()) {
            BitSet matches = new BitSet((int) (last - first + 1));
            for (byte[] value : clause.values()) {
                long fingerprint = index.fingerprint(clause.kind(), value);
                int bucket = index.bucket(fingerprint);
                int remainder = LogIndex.remainder(fingerprint);
                view.scan(
                        LogIndex.key(first, bucket),
                        LogIndex.keyAfter(last, bucket),
                        (key, entry) -> {
                            int mask = GroupEntry.matchMask(entry, remainder);
                            long group = LogIndex.firstOfGroup(key);
                            for (; mask != 0; mask &= mask - 1) {
                                long number = group + Integer.numberOfTrailingZeros(mask);
                                if (number >= first && number <= last) {
                                    matches.set((int) (number - first));
                                }
                            }
                            return true;
                        });
            }
            if (candidates == null) {
                candidates = matches;
            } else {
                candidates.and(matches);
            }
            if (candidates.isEmpty()) {
                break;
            }
        }
        return candidates;
    }

    /** Without a log index: the blocks whose header bloom may hold every clause. */
    private static BitSet bloomCandidates(
            LevelDb.ReadView view, HeaderBlooms blooms, long first, long last) {
        BitSet candidates = new BitSet((int) (last - first + 1));
        view.scan(
                Keys.header(first),
                Keys.header(last + 1),
                (key, header) -> {
                    if (blooms.mightMatch(header)) {
                        candidates.set((int) (Keys.number(key) - first));
                    }
                    return true;
                });
        return candidates;
    }

    private static BitSet all(long first, long last) {
        BitSet bits = new BitSet((int) (last - first + 1));
        bits.set(0, (int) (last - first + 1));
        return bits;
    }

    /**
     * The block's matching logs, in block order. Safe on any thread: it only reads the snapshot and
     * the segment files.
     */
    private List<LogEntry> matchBlock(
            LevelDb.ReadView view, CompiledLogFilter filter, long number) {
        Optional<SegmentLocation> at = reader.location(view, number);
        if (at.isEmpty()) {
            return List.of(); // rolled back while the query ran: no logs to report any more
        }
        Optional<byte[]> receipts = reader.receiptBytes(number, at.get());
        if (receipts.isEmpty()) {
            return List.of();
        }
        List<int[]> positions = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        CompactLogScanner.scan(
                receipts.get(),
                filter,
                (tx, logIndex, log) -> {
                    positions.add(new int[] {tx, logIndex});
                    logs.add(log);
                });
        if (logs.isEmpty()) {
            return List.of();
        }
        Optional<BlockReader.BlockStamp> block =
                at.get().knownStamp().or(() -> reader.stamp(view, number));
        Optional<byte[]> txHashes = reader.hashBytes(number, at.get());
        if (block.isEmpty() || txHashes.isEmpty()) {
            return List.of();
        }
        // only the matched logs' transaction hashes, each copied once (a block's logs come in
        // transaction order)
        List<LogEntry> entries = new ArrayList<>(logs.size());
        Hash txHash = null;
        int hashed = -1;
        for (int i = 0; i < logs.size(); i++) {
            int tx = positions.get(i)[0];
            if (tx != hashed) {
                txHash = transactionHash(txHashes.get(), tx);
                hashed = tx;
            }
            entries.add(
                    new LogEntry(
                            number,
                            block.get().hash(),
                            block.get().timestamp(),
                            tx,
                            txHash,
                            positions.get(i)[1],
                            logs.get(i)));
        }
        return entries;
    }

    /** The {@code tx}th hash of a block's concatenated transaction hashes. */
    private static Hash transactionHash(byte[] hashes, int tx) {
        if (tx < 0 || (tx + 1L) * Hash.SIZE > hashes.length) {
            throw new IndexOutOfBoundsException(
                    "transaction " + tx + " of " + hashes.length / Hash.SIZE);
        }
        return Hash.copyOf(hashes, tx * Hash.SIZE);
    }

    private static final class Results {
        final List<LogEntry> logs = new ArrayList<>();
        final int limit;

        Results(int limit) {
            this.limit = limit;
        }
    }
}
