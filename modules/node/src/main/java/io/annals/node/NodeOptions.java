package io.annals.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.annals.core.chain.ChainSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What running the node takes on the command line: {@code annals [run] [flags]}. */
final class NodeOptions {
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

    int run(PrintStream out, PrintStream err) {
        Config config = ConfigLoader.load(configFile, flags.toConfigValues());
        NodeConfiguration checked = NodeConfiguration.fromConfig(config);
        NodeSettings settings = checked.node();
        Optional<ChainSpec> chain = checked.chain(config);
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
}
