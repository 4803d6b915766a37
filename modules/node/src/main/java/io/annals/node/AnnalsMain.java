package io.annals.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import io.annals.core.chain.ChainSpec;
import io.annals.node.era.ExportEraCommand;
import io.annals.node.era.ImportEraCommand;
import io.annals.store.StoreException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Command-line entry point of the node. Every flag is also a configuration key (see {@link
 * CliOverrides}); flags win over {@code --config FILE}, which wins over the defaults.
 */
@Command(
        name = "annals",
        mixinStandardHelpOptions = true,
        versionProvider = AnnalsMain.VersionProvider.class,
        sortOptions = false,
        description =
                "A stateless Ethereum history node: syncs headers, transactions and receipts, serves JSON-RPC.",
        footer = {
            "",
            "Exit codes: 0 stopped cleanly (130/143 after SIGINT/SIGTERM), 1 configuration or start-up error,",
            "2 bad flag, 3 sync stopped with an error (e.g. a full disk)."
        })
public final class AnnalsMain implements Callable<Integer> {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "HOCON file layered over the defaults.")
    Path configFile;

    @Mixin CliOverrides flags = new CliOverrides();

    @Option(
            names = "--print-config",
            description = "Check the effective configuration, print it and exit.")
    boolean printConfig;

    private final PrintStream out;
    private final PrintStream err;

    AnnalsMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(System.out, System.err).execute(args));
    }

    static CommandLine newCommandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new AnnalsMain(out, err));
        cli.addSubcommand(new ImportEraCommand(out, System.console() != null));
        cli.addSubcommand(new ExportEraCommand(out));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(
                (e, commandLine, parsed) -> {
                    commandLine.getErr().println("annals: " + describe(e));
                    if (!isOperatorError(e)) {
                        e.printStackTrace(commandLine.getErr());
                    }
                    return ExitCodes.STARTUP_FAILED;
                });
        return cli;
    }

    @Override
    public Integer call() {
        Config config = ConfigLoader.load(configFile, flags.toConfigValues());
        NodeSettings settings = NodeSettings.fromConfig(config);
        Optional<ChainSpec> chain = SettingsCheck.validate(config, settings);
        if (printConfig) {
            out.println(AnnalsVersion.clientId());
            out.println(
                    "network "
                            + settings.network()
                            + ", data dir "
                            + settings.dataDir()
                                    .map(Path::toString)
                                    .orElse("(a new temporary directory)")
                            + chain.map(
                                            spec ->
                                                    ", chain "
                                                            + spec.name()
                                                            + " (network id "
                                                            + spec.networkId()
                                                            + ")")
                                    .orElse(", chain of the embedded devnet"));
            out.println(
                    config.getConfig("annals")
                            .root()
                            .render(
                                    ConfigRenderOptions.defaults()
                                            .setOriginComments(false)
                                            .setJson(false)));
            return ExitCodes.OK;
        }
        out.println(AnnalsVersion.clientId());
        return NodeRunner.run(config, settings, chain, out, err);
    }

    /**
     * A configuration, data-directory or start-up problem: the message says it all, no stack trace.
     */
    private static boolean isOperatorError(Throwable e) {
        return e instanceof ConfigException
                || e instanceof IllegalArgumentException
                || e instanceof StoreException
                || e instanceof IllegalStateException
                || e instanceof UncheckedIOException
                || e instanceof java.io.IOException;
    }

    private static String describe(Throwable e) {
        if (e instanceof StoreException) {
            return "cannot use the data directory: " + e.getMessage();
        }
        if (e instanceof ConfigException) {
            return "configuration error: " + e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AnnalsVersion.clientId()};
        }
    }
}
