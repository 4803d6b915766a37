package io.annals.store;

import java.util.List;

/**
 * What {@link HistoryStore#verify()} checked and found. The store is consistent when {@link
 * #problems()} is empty; at most {@link #MAX_PROBLEMS} are listed, {@link #problemCount()} counts
 * them all.
 *
 * @param from the first block number checked (a range is widened to whole 16-block groups)
 * @param to the last block number checked
 * @param wholeStore whether every block was checked: only then are the index tables counted for
 *     entries that no block accounts for, and the segment files measured
 * @param checks what was checked, one sentence each
 * @param damagedBlocks the blocks whose own records are wrong (at most {@link #MAX_DAMAGED}):
 *     dropping them, so that sync fetches them again, repairs the store; problems not tied to a
 *     block (an entry no block accounts for, a segment file's length) are not among them
 */
public record VerificationReport(
        long from,
        long to,
        boolean wholeStore,
        long blocks,
        long transactions,
        long logs,
        long postingEntries,
        List<String> checks,
        List<String> problems,
        long problemCount,
        List<Long> damagedBlocks) {
    public static final int MAX_PROBLEMS = 100;
    public static final int MAX_DAMAGED = 1_000_000;

    public VerificationReport {
        checks = List.copyOf(checks);
        problems = List.copyOf(problems);
        damagedBlocks = List.copyOf(damagedBlocks);
    }

    /** Problems that are not tied to one block's records (the index totals, segment lengths). */
    public boolean hasStoreWideProblems() {
        return problemCount > 0 && damagedBlocks.isEmpty();
    }

    public boolean isConsistent() {
        return problemCount == 0;
    }
}
