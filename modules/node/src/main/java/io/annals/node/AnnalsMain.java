package io.annals.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line entry point of the node. */
@Command(
        name = "annals",
        mixinStandardHelpOptions = true,
        versionProvider = AnnalsMain.VersionProvider.class,
        description = "A stateless Ethereum history node: syncs headers, transactions and receipts, serves JSON-RPC.")
public final class AnnalsMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file layered over the defaults.")
    Path configFile;

    @Option(names = "--network", paramLabel = "NAME", description = "mainnet, sepolia, hoodi or devnet (annals.node.network).")
    String network;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the store and node key live (annals.node.data-dir).")
    Path dataDir;

    @Option(names = "--print-config", description = "Print the effective configuration and exit.")
    boolean printConfig;

    private final PrintWriter out;

    AnnalsMain(PrintWriter out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        System.exit(newCommandLine(out).execute(args));
    }

    static CommandLine newCommandLine(PrintWriter out) {
        CommandLine cli = new CommandLine(new AnnalsMain(out));
        cli.setOut(out);
        return cli;
    }

    @Override
    public Integer call() {
        Config config = ConfigLoader.load(configFile, overrides());
        out.println(AnnalsVersion.clientId());
        out.println("network " + config.getString("annals.node.network")
                + ", data dir " + config.getString("annals.node.data-dir"));
        if (printConfig) {
            out.println(config.getConfig("annals").root()
                    .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false)));
        }
        return 0;
    }

    private Map<String, Object> overrides() {
        Map<String, Object> map = new HashMap<>();
        if (network != null) {
            map.put("annals.node.network", network);
        }
        if (dataDir != null) {
            map.put("annals.node.data-dir", dataDir.toString());
        }
        return map;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AnnalsVersion.clientId()};
        }
    }
}
