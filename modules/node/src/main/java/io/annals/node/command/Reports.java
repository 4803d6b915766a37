package io.annals.node.command;

import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.store.RepairResult;
import io.annals.store.StoreStats;
import io.annals.store.VerificationReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** The text the tools print: a few lines an operator reads, and a script can grep. */
final class Reports {
    private Reports() {}

    static void printVerification(PrintWriter out, VerificationReport report) {
        out.printf(
                "verified blocks %s: %,d blocks, %,d transactions, %,d logs, %,d log-index entries%n",
                report.wholeStore() ? "(the whole store)" : report.from() + ".." + report.to(),
                report.blocks(),
                report.transactions(),
                report.logs(),
                report.postingEntries());
        if (!report.wholeStore()) {
            out.println(
                    "(a range: the index totals and segment files are checked with the whole store only)");
        }
        if (report.isConsistent()) {
            out.println("consistent: no problems");
        } else {
            out.printf(
                    "NOT consistent: %,d problems, %,d damaged blocks%n",
                    report.problemCount(), report.damagedBlocks().size());
            report.problems().forEach(p -> out.println("  " + p));
            if (report.problemCount() > report.problems().size()) {
                out.printf(
                        "  ... and %,d more%n", report.problemCount() - report.problems().size());
            }
        }
        out.flush();
    }

    static void printStats(PrintWriter out, StoreStats stats) {
        out.printf(
                "%s, schema %d, start block %d, log index %d buckets%s%n",
                stats.chain(),
                stats.schemaVersion(),
                stats.startBlock(),
                stats.logIndexBuckets(),
                stats.logIndexBuckets() == 0
                        ? ""
                        : stats.logIndexPairs()
                                ? " with (address, topic 0) pairs"
                                : " without (address, topic 0) pairs");
        out.printf(
                "blocks: %,d in %d runs%s%n",
                stats.blocks(),
                stats.runs().size(),
                stats.runs().isEmpty() ? "" : " (" + ranges(stats.runs()) + ")");
        out.printf(
                "gaps: %d%s%n",
                stats.gaps().size(),
                stats.gaps().isEmpty() ? "" : " (" + ranges(stats.gaps()) + ")");
        out.printf("index (LevelDB): %s in all%n", bytes(stats.indexBytes()));
        for (StoreStats.Table t : stats.tables()) {
            out.printf(
                    "  %c %-20s %,14d entries %12s%n",
                    t.prefix(), t.name(), t.entries(), bytes(t.bytes()));
        }
        out.printf(
                "segment files: %d, %s%n",
                stats.segmentFiles().size(), bytes(stats.segmentBytes()));
        stats.segmentFiles()
                .forEach(
                        (shard, size) ->
                                out.printf(
                                        "  shard %d (blocks %d..%d) %12s%n",
                                        shard,
                                        shard * HistoryStore.SHARD_SIZE,
                                        (shard + 1) * HistoryStore.SHARD_SIZE - 1,
                                        bytes(size)));
        out.printf(
                "log index: %,d entries, %s%n",
                stats.logIndex().entries(), bytes(stats.logIndex().bytes()));
        out.flush();
    }

    static void printRepair(PrintWriter out, RepairResult result) {
        out.printf(
                "dropped %,d damaged blocks%s; sync fetches them again%n",
                result.droppedBlocks(),
                result.dropped().isEmpty() ? "" : " (" + ranges(result.dropped()) + ")");
        result.unrepaired().forEach(u -> out.println("not repaired: " + u));
        out.flush();
    }

    private static String ranges(List<BlockRange> ranges) {
        String shown =
                ranges.stream()
                        .limit(8)
                        .map(BlockRange::toString)
                        .collect(Collectors.joining(", "));
        return ranges.size() > 8 ? shown + ", ..." : shown;
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1 << 20) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1L << 30) {
            return String.format("%.1f MiB", bytes / (double) (1 << 20));
        }
        return String.format("%.2f GiB", bytes / (double) (1L << 30));
    }
}
