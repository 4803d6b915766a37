package io.annals.store;

import java.util.List;

/**
 * What {@link HistoryStore#verify()} checked and found. The store is consistent when {@link
 * #problems()} is empty; at most {@link #MAX_PROBLEMS} are listed, {@link #problemCount()} counts
 * them all.
 *
 * @param checks what was checked, one sentence each
 */
public record VerificationReport(
        long blocks,
        long transactions,
        long logs,
        long postingEntries,
        List<String> checks,
        List<String> problems,
        long problemCount) {
    public static final int MAX_PROBLEMS = 100;

    public VerificationReport {
        checks = List.copyOf(checks);
        problems = List.copyOf(problems);
    }

    public boolean isConsistent() {
        return problemCount == 0;
    }
}
