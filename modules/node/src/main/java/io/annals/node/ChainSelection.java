package io.annals.node;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.ChainSpecConfig;
import io.annals.core.chain.Chains;
import io.annals.core.chain.NetworkPeers;
import java.util.Locale;
import java.util.Optional;

/**
 * Which chain the node follows, from {@code annals.node.network} and {@code annals.chain}: a
 * built-in network brings its own spec (and {@code annals.chain}, if set, must name the same
 * chain); devnet takes the custom chain of {@code annals.chain}. The {@code --network} flag sets
 * both keys, so it wins over a file that describes another chain.
 */
final class ChainSelection {
    static final String DEVNET = "devnet";

    private ChainSelection() {}

    static ChainSpec resolve(Config config, String network) {
        String name = network.toLowerCase(Locale.ROOT);
        Optional<ChainSpec> builtIn = Chains.byName(name);
        if (builtIn.isPresent()) {
            if (config.hasPath(ChainSpecConfig.PATH)) {
                ChainSpec configured = ChainSpecConfig.load(config);
                if (!configured.equals(builtIn.get())) {
                    throw new IllegalArgumentException(
                            "annals.node.network is "
                                    + name
                                    + " but annals.chain describes "
                                    + "the chain '"
                                    + configured.name()
                                    + "' (network id "
                                    + configured.networkId()
                                    + "): remove annals.chain or choose --network "
                                    + configured.name());
                }
            }
            return builtIn.get();
        }
        Optional<java.nio.file.Path> file = chainFile(network);
        if (file.isPresent()) {
            return ChainSpecConfig.parse(chainSection(file.get()), file.get().toString());
        }
        if (name.equals(DEVNET)) {
            if (!config.hasPath(ChainSpecConfig.PATH)) {
                throw new IllegalArgumentException(
                        "network devnet needs the devnet's chain in annals.chain "
                                + "(conf/devnet.conf has it; `scripts/devnet` prints it), or run the embedded devnet with --devnet");
            }
            return ChainSpecConfig.load(config);
        }
        throw new IllegalArgumentException(
                "unknown network '"
                        + network
                        + "': choose mainnet, sepolia, hoodi or devnet, or name a chain-spec file");
    }

    /**
     * Where discovery starts on the selected network: a chain file's {@code bootnodes} and {@code
     * dns-lists}, a custom {@code annals.chain}'s, or a built-in chain's.
     */
    static NetworkPeers peers(Config config, String network, ChainSpec chain) {
        Optional<java.nio.file.Path> file = chainFile(network);
        if (file.isPresent()) {
            return ChainSpecConfig.peersOf(chainSection(file.get()));
        }
        if (Chains.byName(network).isPresent()) {
            return Chains.peersOf(chain);
        }
        return ChainSpecConfig.loadPeers(config);
    }

    /**
     * A network given as a path to a chain-spec file (HOCON; an {@code annals.chain} inside, or the
     * chain itself).
     */
    private static Optional<java.nio.file.Path> chainFile(String network) {
        if (Chains.byName(network).isPresent() || network.equalsIgnoreCase(DEVNET)) {
            return Optional.empty();
        }
        java.nio.file.Path path = java.nio.file.Path.of(network);
        if (java.nio.file.Files.isRegularFile(path)) {
            return Optional.of(path);
        }
        if (network.contains("/") || network.endsWith(".conf") || network.endsWith(".json")) {
            throw new IllegalArgumentException(
                    "annals.node.network: no chain-spec file " + network);
        }
        return Optional.empty();
    }

    private static Config chainSection(java.nio.file.Path file) {
        Config parsed = com.typesafe.config.ConfigFactory.parseFile(file.toFile()).resolve();
        if (parsed.hasPath("config") && parsed.hasPath("alloc")) {
            throw new IllegalArgumentException(
                    file
                            + " looks like a geth genesis.json: give the chain as a chain-spec HOCON"
                            + " (name, network-id, genesis-hash, forks; see ChainSpecConfig) instead");
        }
        return parsed.hasPath(ChainSpecConfig.PATH)
                ? parsed.getConfig(ChainSpecConfig.PATH)
                : parsed;
    }
}
