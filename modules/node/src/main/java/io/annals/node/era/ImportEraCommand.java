package io.annals.node.era;

import com.typesafe.config.Config;
import io.annals.era.importer.EraImporter;
import io.annals.era.importer.ImportSettings;
import io.annals.era.importer.ImportSummary;
import io.annals.era.source.EraSource;
import io.annals.node.ExitCodes;
import io.annals.node.OfflineSelection;
import io.annals.store.HistoryStore;
import io.annals.sync.chain.Checkpoints;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code annals import-era <dir | URL>}: imports era1 and eraE files into the node's store (see
 * {@link EraImporter}); the node must not be running.
 */
@Command(
        name = "import-era",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Import history from era1 and eraE files (a directory, or an HTTP mirror's index with its checksums.txt):",
            "each file verified before anything of it is stored, several at once, through the same writer path as sync.",
            "Resumable after a crash and idempotent: what is stored is skipped. The node must not be running."
        },
        footer = {
            "",
            "Exit codes: 0 every file imported or already stored, 1 configuration or store error,",
            "2 bad flag, 4 a file was refused (the summary says which and why) or not attempted."
        })
public final class ImportEraCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "SOURCE",
            description = "A directory of era files, or an http(s) URL of a mirror's index.")
    String source;

    @Mixin HistoryOptions options = new HistoryOptions();

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Files fetched, verified and written at once (annals.era.import.jobs).")
    Integer jobs;

    @Option(
            names = "--keep-going",
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "Go on with the other files after one is refused; off: stop there (annals.era.import.keep-going).")
    Boolean keepGoing;

    private final PrintStream out;
    private final boolean terminal;

    public ImportEraCommand(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** The flags of this command that set configuration keys, and their keys. */
    public static Map<String, String> keysByFlag() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("--jobs", "annals.era.import.jobs");
        keys.put("--keep-going", "annals.era.import.keep-going");
        return keys;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        if (jobs != null) {
            values.put("annals.era.import.jobs", jobs);
        }
        if (keepGoing != null) {
            values.put("annals.era.import.keep-going", keepGoing);
        }
        Config config = options.load(values);
        OfflineSelection.Selected selected = OfflineSelection.select(config);
        ImportSettings settings =
                ImportSettings.fromConfig(config, selected.dataDir().resolve("era-download"));
        EraSource from = EraSource.of(source, settings.http());
        ImportProgress progress =
                new ImportProgress(
                        out, terminal, config.getDuration("annals.era.import.progress-interval"));
        ImportSummary summary;
        try (HistoryStore store =
                HistoryOptions.openStore(config, selected.chain(), selected.dataDir())) {
            out.println(
                    "importing era files from "
                            + from.describe()
                            + " into "
                            + selected.dataDir().resolve("store")
                            + " ("
                            + selected.chain().name()
                            + ", "
                            + settings.jobs()
                            + " at once)");
            summary =
                    new EraImporter(
                                    store,
                                    selected.chain(),
                                    Checkpoints.fromConfig(config),
                                    settings,
                                    progress)
                            .run(from);
            progress.close();
            out.println(
                    "store: contiguous head "
                            + store.contiguousHead().stream()
                                    .mapToObj(Long::toString)
                                    .findFirst()
                                    .orElse("none")
                            + ", present "
                            + store.presentRanges());
        }
        summary.describe().forEach(out::println);
        return summary.complete() ? ExitCodes.OK : ExitCodes.IMPORT_INCOMPLETE;
    }
}
