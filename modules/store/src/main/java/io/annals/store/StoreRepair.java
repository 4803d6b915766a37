package io.annals.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Repairs what verification found wrong with single blocks by dropping those blocks: each run of
 * consecutive damaged blocks goes in one atomic batch that removes every trace of them (the same
 * erasure a reorg uses, which tolerates unreadable transaction hashes and receipts), so the store
 * holds only intact blocks and sync fetches the dropped ones again, from peers that prove them
 * against their headers. Nothing is rebuilt in place: the network is the source of truth.
 */
final class StoreRepair {
    private final StoreWriter writer;

    StoreRepair(StoreWriter writer) {
        this.writer = writer;
    }

    RepairResult repair(VerificationReport report) {
        List<BlockRange> dropped = new ArrayList<>();
        List<String> unrepaired = new ArrayList<>();
        for (BlockRange run : runs(report.damagedBlocks())) {
            try {
                writer.removeRange(run.first(), run.last());
                dropped.add(run);
            } catch (StoreCorruptionException e) {
                unrepaired.add("blocks " + run + ": " + e.getMessage());
            }
        }
        if (report.damagedBlocks().size() >= VerificationReport.MAX_DAMAGED) {
            unrepaired.add(
                    "more than "
                            + VerificationReport.MAX_DAMAGED
                            + " damaged blocks: run repair again");
        }
        if (report.hasStoreWideProblems()) {
            unrepaired.add(
                    "the store has problems no single block accounts for (see the verification);"
                            + " dropping blocks does not fix them");
        }
        return new RepairResult(dropped, unrepaired);
    }

    /** Consecutive numbers as runs of at most one atomic batch. */
    private static List<BlockRange> runs(List<Long> numbers) {
        List<BlockRange> runs = new ArrayList<>();
        long first = -1;
        long last = -1;
        for (long n : numbers) {
            if (first >= 0 && n == last + 1 && n - first < HistoryStore.MAX_ATOMIC_ROLLBACK) {
                last = n;
                continue;
            }
            if (first >= 0) {
                runs.add(new BlockRange(first, last));
            }
            first = n;
            last = n;
        }
        if (first >= 0) {
            runs.add(new BlockRange(first, last));
        }
        return runs;
    }
}
