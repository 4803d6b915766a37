package io.annals.bench.devnet;

import io.annals.core.crypto.Keccak256;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.SessionListener;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.ChainReader;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.eth.EthProtocol;
import io.annals.p2p.eth.EthSettings;
import io.annals.p2p.eth.HeaderQuery;
import io.annals.p2p.eth.RawReceiptList;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.RlpxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the devnet process costs while a node syncs from it: starts DevnetMain as a second process
 * (generating the chain into a fresh data directory), fetches every block's header, body and
 * receipts from all its peers at once over loopback, reads the devnet's CPU before and after, then
 * starts it a second time on the same directory (the store is reused, nothing is generated). The
 * fetching client only slices the responses, so the figures are the devnet's serving cost.
 *
 * <pre>
 * java -cp modules/bench/target/benchmarks.jar -Ddevnet.logback=conf/logback.xml \
 *     io.annals.bench.devnet.DevnetServeDriver --blocks=2000 --peers=4 --data-dir=/tmp/devnet-bench
 * </pre>
 */
public final class DevnetServeDriver {
    private static final int HEADERS_PER_REQUEST = 128;
    private static final long WAIT_SECONDS = 120;

    private DevnetServeDriver() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args, Set.of("blocks", "peers", "data-dir"));
        int blocks = Integer.parseInt(options.getOrDefault("blocks", "2000"));
        int peers = Integer.parseInt(options.getOrDefault("peers", "4"));
        Path dataDir = Path.of(options.getOrDefault("data-dir", "/tmp/annals-devnet-bench"));
        // a fresh chain, so the first start generates it
        deleteRecursively(dataDir.resolve("chain"));
        Files.createDirectories(dataDir);
        String[] devnetArgs = {
            "--blocks",
            Integer.toString(blocks),
            "--peers",
            Integer.toString(peers),
            "--block-time",
            "0s",
            "--data-dir",
            dataDir.resolve("chain").toString(),
            "--seed",
            "1"
        };

        double generationCpu;
        double generationSeconds;
        try (DevnetProcess devnet =
                DevnetProcess.start(dataDir.resolve("devnet-1.log"), devnetArgs)) {
            generationCpu = devnet.cpuMillis();
            generationSeconds = devnet.secondsToReady();
            System.out.printf(
                    "devnet ready after %.1f s, %.0f CPU-ms (JVM start, generation of %d blocks, peers)%n",
                    generationSeconds, generationCpu, blocks);
            Fetched fetched = fetchAll(devnet, blocks);
            double servingCpu = devnet.cpuMillis() - generationCpu;
            devnet.stop().forEach(line -> System.out.println("  " + line));
            System.out.printf(
                    "fetched %d blocks (%.1f MB of headers, bodies and receipts, %.1f KB/block) in %.1f s"
                            + " from %d peers: %.0f blocks/s%n",
                    blocks,
                    fetched.bytes / 1e6,
                    fetched.bytes / 1e3 / blocks,
                    fetched.seconds,
                    peers,
                    blocks / fetched.seconds);
            System.out.printf(
                    "devnet CPU while serving: %.0f ms, %.3f CPU-ms per served block%n",
                    servingCpu, servingCpu / blocks);
        }
        try (DevnetProcess again =
                DevnetProcess.start(dataDir.resolve("devnet-2.log"), devnetArgs)) {
            double reuseCpu = again.cpuMillis();
            System.out.printf(
                    "second start on the same data dir: ready after %.1f s, %.0f CPU-ms (store reused)%n",
                    again.secondsToReady(), reuseCpu);
            System.out.printf(
                    "generation: %.2f ms/block wall, %.2f CPU-ms/block (first start minus second)%n",
                    (generationSeconds - again.secondsToReady()) * 1000 / blocks,
                    (generationCpu - reuseCpu) / blocks);
            again.stop();
        }
    }

    private record Fetched(long bytes, double seconds) {}

    private static Fetched fetchAll(DevnetProcess devnet, int blocks) throws Exception {
        ExecutorService worker = Executors.newFixedThreadPool(2);
        Hash genesis = devnet.spec().genesisHash();
        EthProtocol eth =
                EthProtocol.create(
                        EthSettings.defaults(),
                        devnet.spec(),
                        genesisOnly(genesis),
                        worker,
                        p -> {});
        RlpxHost client =
                RlpxHost.create(
                        NodeKey.generate(new SecureRandom()),
                        P2pSettings.defaults().withListen("127.0.0.1", 0),
                        List.of(eth),
                        SessionListener.NONE);
        try {
            List<EthPeer> peers = new ArrayList<>();
            for (var enode : devnet.enodes()) {
                peers.add(
                        eth.peer(client.dial(enode).get(WAIT_SECONDS, TimeUnit.SECONDS))
                                .get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            AtomicLong bytes = new AtomicLong();
            long started = System.nanoTime();
            List<CompletableFuture<Void>> work = new ArrayList<>();
            int share = (blocks + peers.size() - 1) / peers.size();
            for (int i = 0; i < peers.size(); i++) {
                long from = 1 + (long) i * share;
                long to = Math.min(blocks, from + share - 1);
                EthPeer peer = peers.get(i);
                work.add(CompletableFuture.runAsync(() -> fetchRange(peer, from, to, bytes)));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(1, TimeUnit.HOURS);
            return new Fetched(bytes.get(), (System.nanoTime() - started) / 1e9);
        } finally {
            client.close();
            worker.shutdownNow();
        }
    }

    /**
     * Headers 128 at a time, then their bodies and receipts, asking again for what a response left
     * out.
     */
    private static void fetchRange(EthPeer peer, long from, long to, AtomicLong bytes) {
        try {
            for (long start = from; start <= to; start += HEADERS_PER_REQUEST) {
                int count = (int) Math.min(HEADERS_PER_REQUEST, to - start + 1);
                List<ByteSlice> headers =
                        peer.rawHeaders(HeaderQuery.byNumber(start, count, 0, false))
                                .get(WAIT_SECONDS, TimeUnit.SECONDS);
                if (headers.size() != count) {
                    throw new IllegalStateException(
                            "asked "
                                    + count
                                    + " headers from "
                                    + start
                                    + ", got "
                                    + headers.size());
                }
                List<Hash> hashes = new ArrayList<>();
                for (ByteSlice header : headers) {
                    bytes.addAndGet(header.length());
                    hashes.add(Keccak256.hashOf(header));
                }
                for (List<Hash> left = hashes; !left.isEmpty(); ) {
                    List<ByteSlice> bodies =
                            peer.rawBodies(left).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    require(!bodies.isEmpty(), "no bodies");
                    bodies.forEach(body -> bytes.addAndGet(body.length()));
                    left = left.subList(bodies.size(), left.size());
                }
                for (List<Hash> left = hashes; !left.isEmpty(); ) {
                    List<RawReceiptList> receipts =
                            peer.rawReceipts(left).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    require(!receipts.isEmpty(), "no receipts");
                    receipts.forEach(list -> bytes.addAndGet(list.encoding().length()));
                    left = left.subList(receipts.size(), left.size());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("fetching " + from + ".." + to + " failed", e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static ChainReader genesisOnly(Hash genesis) {
        return new ChainReader() {
            @Override
            public AnnouncedRange availableRange() {
                return new AnnouncedRange(0, 0, genesis);
            }

            @Override
            public Optional<byte[]> headerRlp(long number) {
                return Optional.empty();
            }

            @Override
            public OptionalLong numberOf(Hash hash) {
                return OptionalLong.empty();
            }

            @Override
            public Optional<byte[]> bodyRlp(Hash hash) {
                return Optional.empty();
            }

            @Override
            public Optional<byte[]> receiptsEth69(Hash hash) {
                return Optional.empty();
            }
        };
    }

    /** {@code --name=value} options; anything else, or an unknown name, is refused. */
    private static Map<String, String> options(String[] args, Set<String> known) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !known.contains(name)) {
                throw new IllegalArgumentException(
                        "expected --name=value with a name of " + known + ", got " + arg);
            }
            options.put(name, arg.substring(equals + 1));
        }
        return options;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
