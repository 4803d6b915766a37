package io.annals.node.era;

import com.typesafe.config.Config;
import io.annals.era.export.EraExporter;
import io.annals.node.ExitCodes;
import io.annals.node.OfflineSelection;
import io.annals.store.HistoryStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code annals export-era --from --to --out <dir>}: writes the stored blocks as era1 (pre-merge)
 * and eraE (epochs with post-merge blocks) files with a checksums.txt (see {@link EraExporter});
 * the node must not be running.
 */
@Command(
        name = "export-era",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Export stored history as era files other clients import: era1 for each epoch's pre-merge blocks,",
            "eraE for every epoch with post-merge blocks, and a checksums.txt. The node must not be running."
        })
public final class ExportEraCommand implements Callable<Integer> {

    @Option(
            names = "--from",
            required = true,
            paramLabel = "N",
            description = "First block: the start of an epoch, a multiple of 8192.")
    long from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "N",
            description = "Last block (the last file may hold less than an epoch).")
    long to;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
    Path out;

    @Mixin HistoryOptions options = new HistoryOptions();

    private final PrintStream stdout;

    public ExportEraCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        EraExporter.checkRange(from, to);
        Config config = options.load(Map.of());
        OfflineSelection.Selected selected = OfflineSelection.select(config);
        try (HistoryStore store =
                HistoryOptions.openStore(config, selected.chain(), selected.dataDir())) {
            List<EraExporter.Exported> written =
                    new EraExporter(store, selected.chain()).export(from, to, out);
            for (EraExporter.Exported file : written) {
                stdout.println(
                        "wrote "
                                + out.resolve(file.fileName())
                                + ": blocks "
                                + file.firstBlock()
                                + ".."
                                + file.lastBlock()
                                + ", sha256 "
                                + file.sha256());
            }
            stdout.println(written.size() + " files and " + out.resolve("checksums.txt"));
        }
        return ExitCodes.OK;
    }
}
