package io.annals.node;

import com.typesafe.config.ConfigException;
import io.annals.node.command.DbCommand;
import io.annals.node.command.ExportCommand;
import io.annals.node.command.VerifyCommand;
import io.annals.node.era.ExportEraCommand;
import io.annals.node.era.ImportEraCommand;
import io.annals.store.StoreException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            "Without a command the node runs (as `annals run`). The operator's tools work on a stopped",
            "node's data directory: verify, db stats, db repair, export, import-era, export-era.",
            "",
            "Exit codes: 0 stopped cleanly (130/143 after SIGINT/SIGTERM), 1 configuration or start-up error,",
            "2 bad flag, 3 sync stopped with an error (e.g. a full disk), 4 the store is not consistent,",
            "5 import-era left files unimported (a rerun resumes)."
        },
        // One class per command; a new one is a class plus its line here.
        subcommands = {
            RunCommand.class,
            VerifyCommand.class,
            DbCommand.class,
            ExportCommand.class,
        })
public final class AnnalsMain implements Callable<Integer> {

    @Mixin NodeOptions options = new NodeOptions();

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
        AnnalsMain main = new AnnalsMain(out, err);
        CommandLine cli = new CommandLine(main, new Factory(main));
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
        return options.run(out, err);
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

    /** Gives `annals run` the process's streams; every other class the default way. */
    private record Factory(AnnalsMain main) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(main.out, main.err));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AnnalsVersion.clientId()};
        }
    }
}
