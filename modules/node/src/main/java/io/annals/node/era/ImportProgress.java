package io.annals.node.era;

import io.annals.era.importer.FileOutcome;
import io.annals.era.importer.ImportListener;
import io.annals.era.source.EraListing;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The import's progress for the operator: on a terminal one bar redrawn in place (files done,
 * blocks stored, blocks per second, refusals); elsewhere (a log, a pipe) one line per file as it
 * finishes, so the output stays readable.
 */
final class ImportProgress implements ImportListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long lineNanos;
    private long lastLine = System.nanoTime();
    private final long started = System.nanoTime();
    private final AtomicInteger planned = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicLong blocks = new AtomicLong();
    private long lastDraw;

    /**
     * @param lineInterval off a terminal, how often a progress line is printed while blocks are
     *     stored (zero: never)
     */
    ImportProgress(PrintStream out, boolean terminal, java.time.Duration lineInterval) {
        this.out = out;
        this.terminal = terminal;
        this.lineNanos = lineInterval.toNanos();
    }

    @Override
    public void planned(int files) {
        planned.set(files);
        out.println(files + " era files to look at");
    }

    @Override
    public void stored(EraListing listing, int count) {
        blocks.addAndGet(count);
        if (terminal) {
            draw(false);
        } else {
            line();
        }
    }

    private synchronized void line() {
        long now = System.nanoTime();
        if (lineNanos <= 0 || now - lastLine < lineNanos) {
            return;
        }
        lastLine = now;
        double seconds = Math.max(0.001, (now - started) / 1e9);
        out.printf(
                Locale.ROOT,
                "progress: %d/%d files done, %d blocks stored, %.0f blocks/s, %d refused%n",
                done.get(),
                planned.get(),
                blocks.get(),
                blocks.get() / seconds,
                refused.get());
    }

    @Override
    public void finished(FileOutcome outcome) {
        done.incrementAndGet();
        if (outcome instanceof FileOutcome.Refused) {
            refused.incrementAndGet();
        }
        if (terminal) {
            draw(true);
        } else {
            out.println(describe(outcome));
        }
    }

    /** Ends the bar's line before the summary. */
    void close() {
        if (terminal) {
            draw(true);
            out.println();
        }
    }

    static String describe(FileOutcome outcome) {
        if (outcome instanceof FileOutcome.Imported imported) {
            return String.format(
                    Locale.ROOT,
                    "imported %s: blocks %d..%d, %d stored, %d already there (%s)",
                    imported.fileName(),
                    imported.firstBlock(),
                    imported.lastBlock(),
                    imported.written(),
                    imported.alreadyStored(),
                    trust(imported));
        }
        if (outcome instanceof FileOutcome.Skipped skipped) {
            return "skipped " + skipped.fileName() + ": " + skipped.reason();
        }
        if (outcome instanceof FileOutcome.Refused refusedFile) {
            return "refused " + refusedFile.fileName() + ": " + refusedFile.reason();
        }
        FileOutcome.NotAttempted not = (FileOutcome.NotAttempted) outcome;
        return "not attempted " + not.fileName() + ": " + not.reason();
    }

    private static String trust(FileOutcome.Imported imported) {
        return switch (imported.trust()) {
            case MATCHES_ROOT -> "accumulator root matches the chain's known root";
            case MATCHES_PREFIX -> "accumulator root matches the published 4-byte prefix";
            case UNKNOWN ->
                    "checked by its own roots and links; the chain publishes no root for it";
            case MISMATCH -> "mismatch";
        };
    }

    private synchronized void draw(boolean force) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int total = Math.max(1, planned.get());
        int filled = (int) ((long) WIDTH * done.get() / total);
        double seconds = Math.max(0.001, (now - started) / 1e9);
        out.printf(
                Locale.ROOT,
                "\r[%s%s] %d/%d files, %,d blocks stored, %,.0f blocks/s, %d refused   ",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                done.get(),
                planned.get(),
                blocks.get(),
                blocks.get() / seconds,
                refused.get());
        out.flush();
    }
}
