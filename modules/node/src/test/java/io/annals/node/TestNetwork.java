package io.annals.node;

import static org.assertj.core.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetConfig;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.devnet.chain.DevnetChainSpec;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.node.monitor.SyncFigures;
import io.annals.node.monitor.SyncMonitor;
import io.annals.node.service.AnnalsNode;
import io.annals.node.service.NodeContext;
import io.annals.p2p.identity.Enode;
import io.annals.sync.SyncStats;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Devnets and nodes for the end-to-end tests: real peers on 127.0.0.1 serving a generated chain,
 * and a whole node (store in a temporary folder, sync engine, RLPx, RPC on a free port) started the
 * way the command line starts it, from HOCON over the defaults.
 */
final class TestNetwork {
    /**
     * Generated chains are kept here between test runs (the build folder), keyed by their
     * parameters: generation is deterministic, so a reused chain is the same chain.
     */
    static final Path CHAIN_CACHE = Path.of("target", "devnet-cache").toAbsolutePath();

    /** Blocks of 2-12 transactions: for tests whose point is not the block size. */
    static final String SMALL_SHAPE =
            "shape { min-transactions = 2, max-transactions = 12, call-data-words = 4,"
                    + " withdrawals = 4, logs-per-transaction = 2.5, empty-block-share = 0.1 }";

    private TestNetwork() {}

    /**
     * A devnet of {@code peers} peers at head {@code blocks}, on free ports, its head still (tests
     * move it), plus any HOCON under {@code annals.devnet} (it wins over these).
     */
    static DevnetSettings devnet(int peers, long blocks, String devnetHocon) {
        String base =
                "annals.devnet { peers = "
                        + peers
                        + ", blocks = "
                        + blocks
                        + ", block-time = 0s, base-port = 0,"
                        + " listen-host = \"127.0.0.1\", data-dir = \""
                        + CHAIN_CACHE.toString().replace("\\", "/")
                        + "\","
                        + " propagation { min = 0ms, max = 50ms } }\n"
                        + "annals.p2p { disconnect-linger = 100ms }";
        return DevnetConfig.fromConfig(
                ConfigFactory.parseString("annals.devnet { " + devnetHocon + " }")
                        .withFallback(ConfigFactory.parseString(base))
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve());
    }

    /**
     * The node's configuration for a devnet, as an operator would write it: the devnet's chain in
     * {@code annals.chain}, its peers as static peers, free ports on 127.0.0.1, plus {@code hocon}
     * (it wins).
     */
    static Config nodeConfig(Devnet devnet, Path dataDir, String hocon) {
        return ConfigLoader.layered(
                ConfigFactory.parseString(hocon)
                        .withFallback(
                                ConfigFactory.parseString(nodeHocon(devnet.enodes(), dataDir)))
                        .withFallback(DevnetChainSpec.toConfig(devnet.chainSpec())));
    }

    /** The node settings of {@link #nodeConfig} as HOCON text (for a node in another process). */
    static String nodeHocon(List<Enode> peers, Path dataDir) {
        return "annals.node { network = devnet, data-dir = \""
                + dataDir.toString().replace("\\", "/")
                + "\","
                + " progress-interval = 0s, stats-interval = 200ms }\n"
                + "annals.p2p { listen-host = \"127.0.0.1\", listen-port = 0, disconnect-linger = 100ms, static-peers = ["
                + peers.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", "))
                + "] }\n"
                + "annals.rpc { host = \"127.0.0.1\", port = 0 }\n";
    }

    /** A node as the command line starts it. */
    static AnnalsNode startNode(Config config) {
        NodeSettings settings = NodeSettings.fromConfig(config);
        var chain = SettingsCheck.validate(config, settings).orElseThrow();
        return AnnalsNode.start(
                new NodeContext(
                        config,
                        settings,
                        chain,
                        settings.dataDir().orElseThrow(),
                        List.of(),
                        new PrintStream(OutputStream.nullOutputStream())));
    }

    /**
     * The first snapshot of the node's monitor (from now on) for which {@code condition} holds.
     * Driven by the monitor's own snapshots, so it polls nothing itself.
     */
    static SyncStats await(
            AnnalsNode node, Duration max, Predicate<SyncStats> condition, String what) {
        CompletableFuture<SyncStats> reached = new CompletableFuture<>();
        SyncStats[] last = new SyncStats[1];
        SyncMonitor.Listener listener =
                stats -> {
                    last[0] = stats;
                    if (condition.test(stats)) {
                        reached.complete(stats);
                    }
                };
        node.monitor().addListener(listener);
        try {
            return reached.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("not " + what + " within " + max + "; last figures: " + last[0]);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            node.monitor().removeListener(listener);
        }
    }

    static long head(SyncStats stats) {
        return SyncFigures.contiguousHead(stats).orElse(-1);
    }

    /**
     * The devnet's generated chain, opened after the devnet closed: the reference the node's store
     * is checked against.
     */
    static GeneratedChain generatedChain(DevnetSettings settings) {
        return GeneratedChain.open(settings.dataDir(), new BlockGenerator(settings.chain()));
    }
}
