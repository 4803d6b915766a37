package io.annals.bench.store;

import io.annals.core.types.Receipts;
import io.annals.store.ChainIdentity;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.store.testing.MainnetLikeChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes mainnet-like blocks (about 250 KB of body and eth/69 receipts, 500-800 logs each; see
 * {@code MainnetLikeChain}) into a fresh store and reports throughput, CPU per block, write latency
 * and stalls, disk use and write amplification; then, optionally, times log queries over the whole
 * range. Generation runs between writes on another thread and is not counted.
 *
 * <pre>
 * java -Xmx3g -cp modules/bench/target/benchmarks.jar io.annals.bench.store.StoreWriteBench \
 *     [--blocks=20000] [--batch=16] [--layout=store|leveldb-only] [--buckets=256] [--postings=buckets|per-value]
 *     [--write-buffer-mb=16] [--block-size-kb=16] [--compression=false] [--sync=true] [--queries=false]
 *     [--dir=/tmp] [--seed=1]
 * </pre>
 *
 * {@code --layout=leveldb-only} is the baseline the store's design was measured against: the same
 * bytes, with bodies, receipts and transaction hashes as LevelDB values instead of segment files
 * ({@link LevelDbOnlyBaseline}).
 */
public final class StoreWriteBench {
    private static final String WRITER = "store-writer";
    private static final int CHUNK = 500;
    private static final long FIRST_BLOCK = 20_000_000;

    private StoreWriteBench() {}

    public static void main(String[] arguments) throws Exception {
        BenchArgs args =
                new BenchArgs(
                        arguments,
                        Set.of(
                                "blocks",
                                "batch",
                                "layout",
                                "buckets",
                                "postings",
                                "write-buffer-mb",
                                "block-size-kb",
                                "compression",
                                "sync",
                                "queries",
                                "dir",
                                "seed"));
        int blocks = args.integer("blocks", 20_000);
        int batch = args.integer("batch", 16);
        StoreSettings settings =
                StoreSettings.defaults()
                        .withSyncWrites(args.flag("sync", true))
                        .withLevelDb(
                                args.integer("write-buffer-mb", 16) << 20,
                                args.integer("block-size-kb", 16) << 10,
                                args.flag("compression", false))
                        .withLogIndexBuckets(args.integer("buckets", 256))
                        .withStartBlock(FIRST_BLOCK);
        String layout = args.text("layout", "store");
        Path dir =
                Files.createTempDirectory(
                        Path.of(args.text("dir", System.getProperty("java.io.tmpdir"))),
                        "store-bench");
        System.out.printf(
                "# %s, %d blocks in batches of %d, %s%n", layout, blocks, batch, settings);

        ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, WRITER));
        try {
            // opened on the writer thread, so LevelDB's background thread inherits the writer's
            // name
            BlockSink sink =
                    writer.submit(
                                    () ->
                                            layout.equals("store")
                                                    ? new StoreSink(
                                                            HistoryStore.open(
                                                                    dir,
                                                                    new ChainIdentity(
                                                                            1,
                                                                            io.annals.core.types
                                                                                    .Hash.ZERO),
                                                                    settings))
                                                    : new LevelDbOnlyBaseline(
                                                            dir,
                                                            settings,
                                                            args.text("postings", "buckets")))
                            .get();
            QueryProbe probe = new QueryProbe(args.integer("seed", 1));
            MainnetLikeChain chain =
                    new MainnetLikeChain(
                            args.integer("seed", 1),
                            FIRST_BLOCK,
                            MainnetLikeChain.Shape.MAINNET,
                            false);
            LatencyStats latency = new LatencyStats();
            long logical = 0;
            String writerTid = writer.submit(CpuAccounting::currentTid).get();
            double writerBefore = CpuAccounting.threadMillis(writerTid);
            Map<String, Double> cpuBefore = CpuAccounting.byThreadName();
            double processBefore = CpuAccounting.processMillis();
            double generatorMillis = 0;
            for (int done = 0; done < blocks; done += CHUNK) {
                double genStart = CpuAccounting.byThreadName().getOrDefault("main", 0.0);
                List<FullBlock> chunk = chain.next(Math.min(CHUNK, blocks - done));
                for (FullBlock block : chunk) {
                    logical +=
                            block.header().unsafeEncoding().length
                                    + block.body().encode().length
                                    + Receipts.encodeEth69List(block.receipts()).length;
                    probe.observe(block);
                }
                generatorMillis +=
                        CpuAccounting.byThreadName().getOrDefault("main", 0.0) - genStart;
                for (int at = 0; at < chunk.size(); at += batch) {
                    List<FullBlock> slice = chunk.subList(at, Math.min(chunk.size(), at + batch));
                    Future<?> write =
                            writer.submit(
                                    () -> {
                                        long t0 = System.nanoTime();
                                        sink.write(slice);
                                        latency.add((System.nanoTime() - t0) / 1e6);
                                    });
                    write.get();
                }
            }
            double writerMillis = CpuAccounting.threadMillis(writerTid) - writerBefore;
            String levelDbStats = writer.submit(sink::levelDbStats).get();
            writer.submit(
                            () -> {
                                sink.close();
                                return null;
                            })
                    .get();
            Map<String, Double> cpuAfter = CpuAccounting.byThreadName();
            double storeMillis =
                    cpuAfter.getOrDefault(WRITER, 0.0) - cpuBefore.getOrDefault(WRITER, 0.0);
            double processMillis = CpuAccounting.processMillis() - processBefore;
            double jvmMillis = processMillis - storeMillis - generatorMillis;
            long disk = sizeOf(dir);
            double writeSeconds = latency.total() / 1000;
            double compactionMb = LevelDbStats.compactionWriteMb(levelDbStats);

            System.out.printf(
                    "logical bytes      %,.0f MB (header + body RLP + eth/69 receipts), %.0f KB/block%n",
                    logical / 1e6, logical / 1e3 / blocks);
            System.out.printf(
                    "throughput         %.0f MB/s logical over %.1f s of write calls (%.0f blocks/s)%n",
                    logical / 1e6 / writeSeconds, writeSeconds, blocks / writeSeconds);
            System.out.printf(
                    "CPU per block      %.2f ms store = %.2f ms writer thread + %.2f ms LevelDB background;"
                            + " %.2f ms other JVM threads (GC, JIT); generator excluded%n",
                    storeMillis / blocks,
                    writerMillis / blocks,
                    (storeMillis - writerMillis) / blocks,
                    Math.max(0, jvmMillis) / blocks);
            System.out.printf(
                    "write latency      p50 %.1f ms, p99 %.1f ms, max %.0f ms per batch of %d; %d batches over"
                            + " 250 ms (%.1f s in total)%n",
                    latency.percentile(0.5),
                    latency.percentile(0.99),
                    latency.percentile(1.0),
                    batch,
                    latency.countAbove(250),
                    latency.sumAbove(250) / 1000);
            System.out.printf(
                    "disk               %,.0f MB after close (%.0f KB/block, %.2f of logical)%n",
                    disk / 1e6, disk / 1e3 / blocks, (double) disk / logical);
            System.out.printf("LevelDB compaction %,.0f MB written by compactions%n", compactionMb);
            System.out.println(levelDbStats.trim());
            if (args.flag("queries", false) && layout.equals("store")) {
                try (HistoryStore store =
                        HistoryStore.open(
                                dir,
                                new ChainIdentity(1, io.annals.core.types.Hash.ZERO),
                                settings)) {
                    probe.run(store, FIRST_BLOCK, FIRST_BLOCK + blocks - 1);
                }
            }
        } finally {
            writer.shutdownNow();
            deleteRecursively(dir);
        }
    }

    /** Where the benchmark writes blocks. */
    interface BlockSink extends AutoCloseable {
        void write(List<FullBlock> blocks);

        String levelDbStats();

        @Override
        void close();
    }

    private record StoreSink(HistoryStore store) implements BlockSink {
        @Override
        public void write(List<FullBlock> blocks) {
            store.write(blocks);
        }

        @Override
        public String levelDbStats() {
            return store.levelDbStats();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
