package io.annals.node.command;

import io.annals.node.ExitCodes;
import io.annals.store.HistoryStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code annals db stats}: the store's chain, blocks, runs and gaps, entries and bytes per LevelDB
 * table (one scan of the index, about 10 KB per block), segment files and the log index's size.
 */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Blocks, runs and gaps, bytes per table, segment files, log-index size.")
public final class DbStatsCommand implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        try (HistoryStore opened = store.open()) {
            Reports.printStats(spec.commandLine().getOut(), opened.stats());
            return ExitCodes.OK;
        }
    }
}
