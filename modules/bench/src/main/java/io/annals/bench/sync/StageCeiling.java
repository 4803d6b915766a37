package io.annals.bench.sync;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.types.Transactions;
import io.annals.devnet.DevnetConfig;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.store.StoredReceipt;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The ceiling the sync benchmark compares the node against: the bare stages sync cannot avoid, on
 * the very blocks the devnet served — decoding the header, body and eth/69 receipts as a peer sends
 * them, checking every root against the header, and writing the block to a fresh history store —
 * with one decoding thread per core and the store writer beside them; no actors, no network. The
 * inputs are read from the devnet's generated chain and encoded outside the timed sections.
 *
 * <p>Transaction hashes are computed by the decoding threads, as the node's peer actors compute
 * them before handing a block to the writer.
 *
 * <p>Usage: {@code StageCeiling --data-dir DIR [--config FILE] [--blocks N] [--threads T]}; prints
 * {@code ceiling <C> blocks/s, <M> cpu-ms/block} last, and before it the exact totals of what the
 * blocks carry, as a sync delivers them: {@code ceiling-input blocks=N logs=L body-bytes=B
 * receipt-bytes=R} (bodies as served, receipt lists in the eth/69 form).
 */
public final class StageCeiling {
    private static final int CHUNK = 512;
    private static final int WRITE_BATCH = 16;

    private record Encoded(byte[] header, byte[] body, byte[] receiptsEth69, int logs) {}

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        File configFile = null;
        long blocks = 20_000;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--config" -> configFile = new File(args[i + 1]);
                case "--blocks" -> blocks = Long.parseLong(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir (the devnet's data dir) is required");
        }
        Config config =
                configFile == null
                        ? ConfigFactory.load()
                        : ConfigFactory.parseFile(configFile)
                                .withFallback(ConfigFactory.load())
                                .resolve();
        DevnetSettings settings = DevnetConfig.fromConfig(config).withDataDir(dataDir);
        Path out = Files.createTempDirectory("annals-ceiling");
        try (GeneratedChain chain =
                        GeneratedChain.open(
                                settings.dataDir(), new BlockGenerator(settings.chain()));
                HistoryStore target =
                        HistoryStore.open(out, chain.store().chain(), StoreSettings.defaults())) {
            long last = Math.min(blocks, chain.storedHead());
            run(chain.store(), target, last, threads);
        } finally {
            deleteRecursively(out);
        }
    }

    private static void run(HistoryStore source, HistoryStore target, long last, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long wallNanos = 0;
        double cpuMillis = 0;
        long bytes = 0;
        long bodyBytes = 0;
        long receiptBytes = 0;
        long logs = 0;
        long count = 0;
        try {
            for (long first = 1; first <= last; first += CHUNK) {
                List<Encoded> inputs = load(source, first, Math.min(last, first + CHUNK - 1));
                for (Encoded e : inputs) {
                    bytes += e.header.length + e.body.length + e.receiptsEth69.length;
                    bodyBytes += e.body.length;
                    receiptBytes += e.receiptsEth69.length;
                    logs += e.logs;
                }
                double cpuBefore = processCpuMillis();
                long start = System.nanoTime();
                List<Future<FullBlock>> validated = new ArrayList<>(inputs.size());
                for (Encoded input : inputs) {
                    validated.add(pool.submit(() -> validate(input)));
                }
                List<FullBlock> batch = new ArrayList<>(WRITE_BATCH);
                for (Future<FullBlock> block : validated) {
                    batch.add(block.get());
                    if (batch.size() == WRITE_BATCH) {
                        target.write(batch);
                        batch = new ArrayList<>(WRITE_BATCH);
                    }
                }
                if (!batch.isEmpty()) {
                    target.write(batch);
                }
                wallNanos += System.nanoTime() - start;
                cpuMillis += processCpuMillis() - cpuBefore;
                count += inputs.size();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = wallNanos / 1e9;
        System.out.printf(
                "ceiling stages: %d blocks, %.1f MB in, %d decode threads + the writer%n",
                count, bytes / 1e6, threads);
        System.out.printf(
                "ceiling-input blocks=%d logs=%d body-bytes=%d receipt-bytes=%d%n",
                count, logs, bodyBytes, receiptBytes);
        System.out.printf(
                "ceiling %.0f blocks/s, %.2f cpu-ms/block, %.1f MB/s%n",
                count / seconds, cpuMillis / count, bytes / 1e6 / seconds);
    }

    /**
     * What a peer actor does with one block: decode, check every root, assemble what the writer
     * stores.
     */
    private static FullBlock validate(Encoded input) {
        BlockHeader header = BlockHeader.decode(input.header);
        header.hash();
        BlockBody body = BlockBody.decode(input.body);
        List<Receipt> receipts = Receipts.decodeEth69List(input.receiptsEth69);
        Optional<String> mismatch =
                body.mismatchWith(header).or(() -> Receipts.mismatchWith(header, receipts));
        if (mismatch.isPresent()) {
            throw new IllegalStateException("block " + header.number() + ": " + mismatch.get());
        }
        Transactions.hashAll(body.transactions()); // as the node's peer actors do, not the writer
        return new FullBlock(header, body, receipts);
    }

    private static List<Encoded> load(HistoryStore source, long first, long last) {
        List<Encoded> out = new ArrayList<>((int) (last - first + 1));
        for (long n = first; n <= last; n++) {
            long number = n;
            byte[] header = source.header(n).orElseThrow(() -> missing(number)).encoding();
            byte[] body = source.bodyRlp(n).orElseThrow(() -> missing(number));
            List<Receipt> receipts =
                    source.receipts(n).orElseThrow(() -> missing(number)).receipts().stream()
                            .map(StoredReceipt::receipt)
                            .toList();
            int logs = receipts.stream().mapToInt(receipt -> receipt.logs().size()).sum();
            out.add(new Encoded(header, body, Receipts.encodeEth69List(receipts), logs));
        }
        return out;
    }

    private static IllegalStateException missing(long number) {
        return new IllegalStateException(
                "block " + number + " is not in the devnet's generated chain");
    }

    private static double processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e6;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
