package io.annals.devnet.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.ChainSpecConfig;
import io.annals.core.chain.Fork;
import io.annals.core.chain.Hardfork;
import io.annals.core.chain.Merge;
import io.annals.core.types.BlockHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The devnet as a {@link ChainSpec}: its network and chain id, the generated genesis, and every
 * required fork up to Prague: merged from the start by default, with every fork active from genesis
 * (block forks at block 0, timestamp forks at timestamp 0), so its EIP-2124 fork id is the checksum
 * of the genesis hash with no next fork; with a merge at block N, London rules from genesis, the
 * terminal total difficulty reached at block N - 1, and Shanghai, Cancun and Prague from block N's
 * timestamp. The spec is also rendered as the HOCON {@link ChainSpecConfig} reads, so the node can
 * load the devnet from {@code conf/devnet.conf} like any custom chain.
 */
public final class DevnetChainSpec {
    private static final List<Hardfork> BLOCK_FORKS =
            List.of(
                    Hardfork.HOMESTEAD,
                    Hardfork.TANGERINE_WHISTLE,
                    Hardfork.SPURIOUS_DRAGON,
                    Hardfork.BYZANTIUM,
                    Hardfork.CONSTANTINOPLE,
                    Hardfork.PETERSBURG,
                    Hardfork.ISTANBUL,
                    Hardfork.BERLIN,
                    Hardfork.LONDON);
    private static final List<Hardfork> TIMESTAMP_FORKS =
            List.of(Hardfork.SHANGHAI, Hardfork.CANCUN, Hardfork.PRAGUE);

    private DevnetChainSpec() {}

    public static ChainSpec of(ChainParameters params, BlockHeader genesis) {
        List<Fork> forks = new ArrayList<>();
        BLOCK_FORKS.forEach(fork -> forks.add(Fork.atBlock(fork, 0)));
        long postMerge = params.mergeBlock() > 0 ? params.mergeTimestamp() : 0;
        TIMESTAMP_FORKS.forEach(fork -> forks.add(Fork.atTimestamp(fork, postMerge)));
        return new ChainSpec(
                params.name(),
                params.networkId(),
                params.chainId(),
                genesis.hash(),
                genesis.timestamp(),
                forks,
                Optional.of(new Merge(params.terminalTotalDifficulty(), params.mergeBlock())));
    }

    /**
     * The spec as the value of {@code annals.chain}, in the form {@link ChainSpecConfig#parse}
     * reads.
     */
    public static Config toConfig(ChainSpec spec) {
        return ChainSpecConfig.toConfig(spec);
    }

    /**
     * {@code annals.chain} as one line of JSON (valid HOCON): {@code {"annals":{"chain":{...}}}}.
     */
    public static String toJson(ChainSpec spec) {
        return toConfig(spec).root().render(ConfigRenderOptions.concise());
    }
}
