package io.annals.devnet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.annals.devnet.chain.ChainParameters;
import io.annals.devnet.chain.ChainShape;
import io.annals.devnet.chain.TransactionMix;
import io.annals.devnet.config.ConfigSection;
import io.annals.devnet.fault.FaultPlanConfig;
import io.annals.devnet.peer.AnnouncementsConfig;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.eth.EthSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@link DevnetSettings} from {@code annals.devnet} (see reference.conf for every key). The
 * peers' transport and eth settings come from {@code annals.p2p}, with the eth range-update
 * interval set to 1 so every new head is announced. Mistakes are {@link ConfigException}s naming
 * the key.
 */
public final class DevnetConfig {
    public static final String PATH = "annals.devnet";

    private static final Set<String> KEYS =
            Set.of(
                    "seed",
                    "peers",
                    "blocks",
                    "block-time",
                    "data-dir",
                    "listen-host",
                    "base-port",
                    "serve-cache-blocks",
                    "propagation",
                    "chain",
                    "shape",
                    "reorgs",
                    "faults",
                    "announcements",
                    "discovery");

    private DevnetConfig() {}

    /** The defaults of every module's reference.conf. */
    public static DevnetSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference());
    }

    /** Reads the settings from a resolved configuration that includes the reference defaults. */
    public static DevnetSettings fromConfig(Config root) {
        ConfigSection devnet = ConfigSection.at(root, PATH).allowOnly(KEYS);
        long seed = devnet.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        int peers = (int) devnet.wholeNumber("peers", 1, DevnetSettings.MAX_PEERS);
        ChainParameters chain =
                chain(devnet.section("chain"), seed, shape(devnet.section("shape")));
        EthSettings eth = EthSettings.fromConfig(root);
        try {
            return new DevnetSettings(
                    chain,
                    peers,
                    devnet.wholeNumber("blocks", 0, 100_000_000L),
                    devnet.duration("block-time"),
                    Path.of(devnet.string("data-dir")),
                    devnet.string("listen-host"),
                    (int) devnet.wholeNumber("base-port", 0, 65_535),
                    (int) devnet.wholeNumber("serve-cache-blocks", 1, 1_000_000),
                    propagation(devnet.section("propagation"), seed, peers),
                    reorgs(devnet),
                    List.of(FaultPlanConfig.parse(devnet, peers)),
                    P2pSettings.fromConfig(root),
                    eth,
                    List.of(AnnouncementsConfig.parse(devnet, peers)),
                    DevnetDiscovery.Settings.fromConfig(root, devnet.string("listen-host")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(PATH, e.getMessage());
        }
    }

    private static ChainParameters chain(ConfigSection chain, long seed, ChainShape shape) {
        chain.allowOnly(Set.of("name", "network-id", "chain-id", "genesis-timestamp"));
        long networkId = chain.wholeNumber("network-id", 1, Long.MAX_VALUE);
        return new ChainParameters(
                chain.string("name"),
                networkId,
                chain.has("chain-id")
                        ? chain.wholeNumber("chain-id", 1, Long.MAX_VALUE)
                        : networkId,
                chain.wholeNumber("genesis-timestamp", 0, Long.MAX_VALUE),
                seed,
                shape);
    }

    private static ChainShape shape(ConfigSection shape) {
        shape.allowOnly(
                Set.of(
                        "min-transactions",
                        "max-transactions",
                        "empty-block-share",
                        "logs-per-transaction",
                        "call-data-words",
                        "withdrawals",
                        "gas-limit",
                        "max-blobs-per-block",
                        "transaction-types"));
        ConfigSection types =
                shape.section("transaction-types")
                        .allowOnly(
                                Set.of("legacy", "access-list", "dynamic-fee", "blob", "set-code"));
        int max = 1_000_000;
        try {
            TransactionMix mix =
                    new TransactionMix(
                            (int) types.wholeNumber("legacy", 0, max),
                            (int) types.wholeNumber("access-list", 0, max),
                            (int) types.wholeNumber("dynamic-fee", 0, max),
                            (int) types.wholeNumber("blob", 0, max),
                            (int) types.wholeNumber("set-code", 0, max));
            return new ChainShape(
                    (int) shape.wholeNumber("min-transactions", 0, 5_000),
                    (int) shape.wholeNumber("max-transactions", 0, 5_000),
                    shape.number("empty-block-share", 0, 1),
                    shape.number("logs-per-transaction", 0, 50),
                    (int) shape.wholeNumber("call-data-words", 0, 1_000),
                    (int) shape.wholeNumber("withdrawals", 0, 16),
                    shape.wholeNumber("gas-limit", 1_000_000, 1_000_000_000),
                    (int) shape.wholeNumber("max-blobs-per-block", 0, 64),
                    mix);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(shape.path(), e.getMessage());
        }
    }

    private static Propagation propagation(ConfigSection propagation, long seed, int peers) {
        propagation.allowOnly(Set.of("min", "max", "per-peer"));
        if (propagation.has("per-peer")) {
            int count = propagation.list("per-peer").size();
            if (count != peers) {
                throw propagation.bad(
                        "per-peer",
                        "needs one delay per peer: " + peers + " peers, " + count + " delays");
            }
            List<Duration> delays = new ArrayList<>();
            Config list = ConfigFactory.empty().withValue("d", propagation.list("per-peer"));
            try {
                delays.addAll(list.getDurationList("d"));
            } catch (ConfigException e) {
                throw propagation.bad(
                        "per-peer", "expected durations like 100ms: " + e.getMessage());
            }
            if (delays.stream().anyMatch(Duration::isNegative)) {
                throw propagation.bad("per-peer", "delays must not be negative");
            }
            return new Propagation.PerPeer(delays);
        }
        Duration min = propagation.duration("min");
        Duration max = propagation.duration("max");
        if (max.compareTo(min) < 0) {
            throw propagation.bad("max", "must not be below min (" + min.toMillis() + " ms)");
        }
        return new Propagation.Uniform(min, max, seed);
    }

    private static List<ReorgPlan> reorgs(ConfigSection devnet) {
        List<ReorgPlan> plans = new ArrayList<>();
        for (ConfigSection reorg : devnet.sections("reorgs")) {
            reorg.allowOnly(Set.of("at-block", "after", "depth"));
            if (reorg.has("at-block") == reorg.has("after")) {
                throw reorg.bad("at-block", "give exactly one of at-block and after");
            }
            int depth = (int) reorg.wholeNumber("depth", 1, ReorgPlan.MAX_DEPTH);
            plans.add(
                    new ReorgPlan(
                            reorg.has("at-block")
                                    ? OptionalLong.of(
                                            reorg.wholeNumber("at-block", 1, Long.MAX_VALUE))
                                    : OptionalLong.empty(),
                            reorg.has("after")
                                    ? Optional.of(reorg.duration("after"))
                                    : Optional.empty(),
                            depth));
        }
        return plans;
    }
}
