package io.annals.era.importer;

import java.time.Duration;
import java.util.List;

/** What an import did, file by file. */
public record ImportSummary(String source, List<FileOutcome> outcomes, Duration elapsed) {
    public ImportSummary {
        outcomes = List.copyOf(outcomes);
    }

    public long imported() {
        return outcomes.stream().filter(o -> o instanceof FileOutcome.Imported).count();
    }

    public long skipped() {
        return outcomes.stream().filter(o -> o instanceof FileOutcome.Skipped).count();
    }

    public List<FileOutcome.Refused> refused() {
        return outcomes.stream()
                .filter(o -> o instanceof FileOutcome.Refused)
                .map(o -> (FileOutcome.Refused) o)
                .toList();
    }

    public long notAttempted() {
        return outcomes.stream().filter(o -> o instanceof FileOutcome.NotAttempted).count();
    }

    public long blocksWritten() {
        return outcomes.stream()
                .filter(o -> o instanceof FileOutcome.Imported)
                .mapToLong(o -> ((FileOutcome.Imported) o).written())
                .sum();
    }

    /** True when every file was imported or had nothing left to import. */
    public boolean complete() {
        return refused().isEmpty() && notAttempted() == 0;
    }

    /** The summary as lines for the operator. */
    public List<String> describe() {
        List<String> lines = new java.util.ArrayList<>();
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        lines.add(
                String.format(
                        java.util.Locale.ROOT,
                        "era import from %s: %d files imported, %d skipped (already stored), %d refused, %d not attempted; %d blocks stored in %.1f s (%.0f blocks/s)",
                        source,
                        imported(),
                        skipped(),
                        refused().size(),
                        notAttempted(),
                        blocksWritten(),
                        seconds,
                        blocksWritten() / seconds));
        for (FileOutcome.Refused refusal : refused()) {
            lines.add("refused " + refusal.fileName() + ": " + refusal.reason());
        }
        return lines;
    }
}
