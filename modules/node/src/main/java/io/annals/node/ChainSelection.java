package io.annals.node;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.ChainSpecConfig;
import io.annals.core.chain.Chains;
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
        if (name.equals(DEVNET)) {
            if (!config.hasPath(ChainSpecConfig.PATH)) {
                throw new IllegalArgumentException(
                        "network devnet needs the devnet's chain in annals.chain "
                                + "(conf/devnet.conf has it; `scripts/devnet` prints it), or run the embedded devnet with --devnet");
            }
            return ChainSpecConfig.load(config);
        }
        throw new IllegalArgumentException(
                "unknown network '" + network + "': choose mainnet, sepolia, hoodi or devnet");
    }
}
