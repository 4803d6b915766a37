package io.annals.node.monitor;

import io.annals.sync.SyncStats;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints the progress line every interval on stdout, and one extra line at once when the mode
 * changes (historical sync done, following the head; the end block reached; sync failed), so a
 * newcomer sees the switch as it happens. Runs on the monitor's thread.
 */
public final class ProgressReporter implements SyncMonitor.Listener {
    private final SyncMonitor monitor;
    private final PrintStream out;
    private final OptionalLong endBlock;
    private final Supplier<String> peers;
    private String lastMode;

    private ProgressReporter(
            SyncMonitor monitor, PrintStream out, OptionalLong endBlock, Supplier<String> peers) {
        this.monitor = monitor;
        this.out = out;
        this.endBlock = endBlock;
        this.peers = peers;
    }

    /** Starts printing every {@code interval}; nothing when it is zero. */
    public static void start(
            SyncMonitor monitor, PrintStream out, Duration interval, OptionalLong endBlock) {
        start(monitor, out, interval, endBlock, () -> "");
    }

    /** As above, each line followed by {@code peers} (the peer manager's and discovery's state). */
    public static void start(
            SyncMonitor monitor,
            PrintStream out,
            Duration interval,
            OptionalLong endBlock,
            Supplier<String> peers) {
        if (interval.isZero()) {
            return;
        }
        ProgressReporter reporter = new ProgressReporter(monitor, out, endBlock, peers);
        monitor.addListener(reporter);
        long millis = interval.toMillis();
        monitor.executor()
                .scheduleAtFixedRate(reporter::print, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void print() {
        LocalTime now = LocalTime.now();
        out.println(
                monitor.latest()
                                .map(seen -> ProgressLine.of(seen.stats(), endBlock, now))
                                .orElseGet(() -> ProgressLine.starting(now))
                        + peers.get());
    }

    @Override
    public void observed(SyncStats stats) {
        String mode = SyncFigures.mode(stats, endBlock);
        if (lastMode != null && !lastMode.equals(mode)) {
            out.println(
                    ProgressLine.of(stats, endBlock, LocalTime.now())
                            + "   <- "
                            + describe(lastMode, mode));
        }
        lastMode = mode;
    }

    private static String describe(String from, String to) {
        return switch (to) {
            case "follow" -> "historical sync done, now following the head";
            case "done" -> "end block stored: sync finished, not following the head";
            case "failed" -> "sync stopped with an error";
            default -> "mode " + from + " -> " + to;
        };
    }
}
