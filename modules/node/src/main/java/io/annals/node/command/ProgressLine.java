package io.annals.node.command;

import java.io.PrintWriter;

/** A line on a terminal that a long check rewrites at most twice a second. */
final class ProgressLine {
    private static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long total;
    private final long started = System.nanoTime();
    private long shownAt;

    ProgressLine(PrintWriter err, boolean enabled, long total) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (!enabled || now - shownAt < INTERVAL_NANOS) {
            return;
        }
        shownAt = now;
        double seconds = (now - started) / 1e9;
        err.printf(
                "\rverified %,d of %,d blocks (%.0f%%), %,.0f blocks/s ",
                done,
                total,
                total == 0 ? 100.0 : 100.0 * done / total,
                done / Math.max(seconds, 1e-3));
        err.flush();
    }

    void done() {
        if (enabled) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
