package io.annals.rpc.health;

/**
 * The node's health at one moment, as {@code GET /health} shows it.
 *
 * @param syncMode what the sync is doing, e.g. {@code historical}, {@code follow} or {@code idle}
 * @param headBlock highest block stored on the canonical chain
 * @param lagBlocks blocks between {@code headBlock} and the best head peers announce
 * @param stalled true while the scheduler reports a stall (no assignment possible while work waits)
 * @param stallReport one-paragraph text of the stall report, null when not stalled
 * @param stallDetails the stall report as a JSON-writable value (a record or map: queue sizes,
 *     escalation blocks, peer states, mailbox depths), null when not stalled or not available
 * @param cluster a cluster host's view of the cluster as a JSON-writable value (members, ranges and
 *     their owners, handoffs, the tip), null on a single host
 */
public record HealthSnapshot(
        String syncMode,
        long headBlock,
        long lagBlocks,
        boolean stalled,
        String stallReport,
        Object stallDetails,
        Object cluster) {

    public HealthSnapshot(
            String syncMode,
            long headBlock,
            long lagBlocks,
            boolean stalled,
            String stallReport,
            Object stallDetails) {
        this(syncMode, headBlock, lagBlocks, stalled, stallReport, stallDetails, null);
    }

    public HealthSnapshot {
        if (syncMode == null || syncMode.isBlank()) {
            throw new IllegalArgumentException("a sync mode is required");
        }
        if (stalled && stallReport == null) {
            throw new IllegalArgumentException("a stalled snapshot carries its stall report");
        }
    }

    /** This snapshot with a cluster host's view of the cluster. */
    public HealthSnapshot withCluster(Object view) {
        return new HealthSnapshot(
                syncMode, headBlock, lagBlocks, stalled, stallReport, stallDetails, view);
    }

    public static HealthSnapshot healthy(String syncMode, long headBlock, long lagBlocks) {
        return new HealthSnapshot(syncMode, headBlock, lagBlocks, false, null, null);
    }

    public static HealthSnapshot stalled(
            String syncMode, long headBlock, long lagBlocks, String report, Object details) {
        return new HealthSnapshot(syncMode, headBlock, lagBlocks, true, report, details);
    }
}
