package io.annals.bench.rpc;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.core.chain.Chains;
import io.annals.core.types.Hash;
import io.annals.rpc.NodeIdentity;
import io.annals.rpc.RpcServer;
import io.annals.rpc.RpcSettings;
import io.annals.rpc.eth.HistoryApi;
import io.annals.rpc.eth.HistorySettings;
import io.annals.rpc.eth.SyncStatusSource;
import io.annals.rpc.health.HealthSnapshot;
import io.annals.rpc.health.HealthSource;
import io.annals.rpc.methods.RpcMethods;
import io.annals.rpc.methods.Web3Methods;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.store.ChainIdentity;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.store.testing.MainnetLikeChain;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The server side of the {@code eth_getLogs} benchmark: a history store of mainnet-like blocks
 * (generated into {@code --dir} on the first run, about 4.4 GB for 20,000 blocks, and reused after)
 * served over JSON-RPC on 127.0.0.1. It writes the URL and the chosen filter values to {@code
 * --ready} and serves until its standard input closes or it is killed. The load comes from {@link
 * GetLogsLoad} in another JVM ({@code scripts/bench-rpc} runs both).
 *
 * <pre>
 * java -Xmx3g -cp modules/bench/target/benchmarks.jar io.annals.bench.rpc.RpcBenchServer \
 *     --dir=/var/tmp/annals-rpc-bench --ready=/tmp/rpc-bench.properties [--blocks=20000] [--seed=1]
 * </pre>
 */
public final class RpcBenchServer {
    static final long FIRST_BLOCK = 20_000_000;
    private static final String CHAIN_FILE = "bench-chain.properties";

    private RpcBenchServer() {}

    public static void main(String[] arguments) throws Exception {
        Options args =
                new Options(
                        arguments,
                        Set.of(
                                "dir",
                                "ready",
                                "blocks",
                                "seed",
                                "blocking-threads",
                                "store",
                                "chain-id",
                                "genesis",
                                "answer-cache-bytes"));
        Path ready = Path.of(args.text("ready", "rpc-bench.properties"));
        String existing = args.text("store", "");
        Path dir = Path.of(args.text("dir", "/var/tmp/annals-rpc-bench"));
        Files.createDirectories(existing.isEmpty() ? dir : Path.of(existing));
        // an existing store (the anvil comparison's) is served as it is, from its first block
        StoreSettings storeSettings =
                existing.isEmpty()
                        ? StoreSettings.defaults().withSyncWrites(false).withStartBlock(FIRST_BLOCK)
                        : StoreSettings.defaults().withSyncWrites(false);
        ChainIdentity identity =
                existing.isEmpty()
                        ? new ChainIdentity(1, Hash.ZERO)
                        : new ChainIdentity(
                                Long.parseLong(args.text("chain-id", "31337")),
                                Hash.fromHex(args.text("genesis", "")));
        try (HistoryStore store =
                HistoryStore.open(
                        existing.isEmpty() ? dir.resolve("store") : Path.of(existing),
                        identity,
                        storeSettings)) {
            Properties chain =
                    existing.isEmpty()
                            ? loadOrGenerate(
                                    store,
                                    dir.resolve(CHAIN_FILE),
                                    args.integer("blocks", 20_000),
                                    args.integer("seed", 1))
                            : new Properties();
            Config config =
                    ConfigFactory.parseString(
                                    "annals.rpc { host = \"127.0.0.1\", port = 0, blocking-threads = "
                                            + args.integer("blocking-threads", 4)
                                            + ", answer-cache.max-bytes = "
                                            + args.text("answer-cache-bytes", "64 MiB")
                                            + (existing.isEmpty()
                                                    ? ""
                                                    // anvil has no result or range limits
                                                    : ", get-logs { max-logs = 1000000,"
                                                            + " max-block-range = 1000000 }")
                                            + " }")
                            .withFallback(ConfigFactory.defaultReference())
                            .resolve();
            HistoryApi history =
                    HistoryApi.create(
                            store,
                            Chains.MAINNET,
                            SyncStatusSource.synced(),
                            HistorySettings.fromConfig(config));
            RpcMethods methods =
                    RpcMethods.builder()
                            .addAll(Web3Methods.create(new NodeIdentity("Annals/bench", 1, 1)))
                            .addAll(history.methods())
                            .build();
            try (RpcServer server =
                    RpcServer.start(
                            RpcSettings.fromConfig(config),
                            methods,
                            HealthSource.of(() -> HealthSnapshot.healthy("bench", 0, 0)),
                            MetricsRegistry.withJvmMetrics(), // the drivers read the JIT's time
                            history.subscriptions())) {
                chain.setProperty("url", "http://127.0.0.1:" + server.address().getPort() + "/");
                Path partial = ready.resolveSibling(ready.getFileName() + ".partial");
                try (Writer out = Files.newBufferedWriter(partial)) {
                    chain.store(out, "rpc benchmark server");
                }
                Files.move(partial, ready, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                System.out.println(
                        "serving "
                                + chain.getProperty("url")
                                + " (blocks "
                                + store.earliestBlock().orElse(-1)
                                + ".."
                                + store.contiguousHead().orElse(-1)
                                + "); close stdin or kill to stop");
                while (System.in.read() >= 0) {
                    // serve until the driver closes our input
                }
            }
        }
    }

    private static Properties loadOrGenerate(HistoryStore store, Path file, int blocks, int seed)
            throws IOException {
        Properties chain = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                chain.load(in);
            }
            System.out.println("reusing the store of " + chain.getProperty("blocks") + " blocks");
            return chain;
        }
        System.out.println(
                "generating " + blocks + " mainnet-like blocks (once; the store is kept)...");
        MainnetLikeChain generator =
                new MainnetLikeChain(seed, FIRST_BLOCK, MainnetLikeChain.Shape.MAINNET, false);
        ChainStatistics statistics = new ChainStatistics();
        long start = System.nanoTime();
        for (int done = 0; done < blocks; done += 16) {
            List<FullBlock> batch = generator.next(Math.min(16, blocks - done));
            batch.forEach(statistics::observe);
            store.write(batch);
            if ((done / 16) % 125 == 0) {
                System.out.printf("  %d blocks, %.0f s%n", done, (System.nanoTime() - start) / 1e9);
            }
        }
        chain.putAll(statistics.choose());
        chain.setProperty("blocks", Integer.toString(blocks));
        chain.setProperty("first", Long.toString(FIRST_BLOCK));
        chain.setProperty("last", Long.toString(FIRST_BLOCK + blocks - 1));
        try (Writer out = Files.newBufferedWriter(file)) {
            chain.store(out, "the generated chain and the filter values chosen for the benchmark");
        }
        return chain;
    }
}
