package io.annals.bench.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.types.Hash;
import io.annals.rpc.eth.PublishedBlocks;
import io.annals.store.ChainIdentity;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Annals and anvil side by side on the same chain, with the same load generator ({@link RpcLoad}),
 * in one run: anvil makes the chain ({@link AnvilChain}); Annals imports it over anvil's JSON-RPC
 * (each block rebuilt from its JSON and accepted only when it hashes to anvil's block hash and
 * roots) and serves it from its store in a JVM of its own ({@link RpcBenchServer}); every shape
 * warms both up (at least {@code warmup} requests and {@code warmup-seconds} each, and the Annals
 * server's JIT time is reported for the warm-up and every run), then {@code rounds} rounds run each
 * shape on both, alternating which goes first. The last lines are the ratios per shape (the median
 * round's answers per second of Annals over anvil's).
 *
 * <pre>
 * java -cp modules/bench/target/benchmarks.jar io.annals.bench.rpc.AnvilComparison \
 *     --anvil=modules/rpc/src/test/js/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil \
 *     --dir=/var/tmp/annals-anvil-bench [--blocks=300] [--transactions=100] [--requests=400]
 *     [--warmup=100] [--concurrency=4] [--server-opts=-Xmx1g] [--shapes=1,2,3,4,5,6]
 *     [--answer-cache-bytes=64MiB] [--rounds=3] [--warmup-seconds=20]
 * </pre>
 */
public final class AnvilComparison {
    private AnvilComparison() {}

    private record Shape(String name, IntFunction<String> body) {}

    public static void main(String[] arguments) throws Exception {
        Options args =
                new Options(
                        arguments,
                        Set.of(
                                "anvil",
                                "dir",
                                "blocks",
                                "transactions",
                                "requests",
                                "warmup",
                                "concurrency",
                                "server-opts",
                                "seed",
                                "shapes",
                                "answer-cache-bytes",
                                "rounds",
                                "warmup-seconds"));
        Path dir = Path.of(args.text("dir", "/var/tmp/annals-anvil-bench"));
        int blocks = args.integer("blocks", 300);
        int requests = args.integer("requests", 400);
        int warmup = args.integer("warmup", 100);
        int concurrency = args.integer("concurrency", 4);
        deleteTree(dir);
        Files.createDirectories(dir);
        int anvilPort = freePort();
        Process anvil =
                new ProcessBuilder(
                                args.text("anvil", "anvil"),
                                "--host",
                                "127.0.0.1",
                                "--port",
                                Integer.toString(anvilPort),
                                "--no-mining",
                                "--hardfork",
                                "prague",
                                "--silent")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("anvil.log").toFile())
                        .start();
        Process server = null;
        try {
            URI anvilUri = URI.create("http://127.0.0.1:" + anvilPort + "/");
            JsonRpcClient client = awaitServing(anvilUri, anvil);
            long t0 = System.nanoTime();
            List<String> contracts =
                    new AnvilChain(client)
                            .build(
                                    blocks,
                                    args.integer("transactions", 100),
                                    args.integer("seed", 1));
            System.out.printf(
                    "anvil made %d blocks in %.1f s%n", blocks, (System.nanoTime() - t0) / 1e9);
            Imported chain = importInto(client, dir.resolve("store"), blocks);
            if (chain.logs() == 0) {
                throw new IllegalStateException(
                        "anvil's chain has no logs: the contracts did not run");
            }
            System.out.printf(
                    "imported into Annals: %d blocks, %d logs (%.0f per block)%n",
                    blocks, chain.logs, chain.logs / (double) blocks);

            Path ready = dir.resolve("server.properties");
            String jar =
                    Path.of(
                                    AnvilComparison.class
                                            .getProtectionDomain()
                                            .getCodeSource()
                                            .getLocation()
                                            .toURI())
                            .toString();
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(List.of(args.text("server-opts", "-Xmx1g").split(" ")));
            command.addAll(
                    List.of(
                            "-cp",
                            jar,
                            RpcBenchServer.class.getName(),
                            "--store=" + dir.resolve("store"),
                            "--chain-id=31337",
                            "--genesis=" + chain.genesis.toHex(),
                            "--answer-cache-bytes=" + args.text("answer-cache-bytes", "64 MiB"),
                            "--ready=" + ready));
            server =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("server.log").toFile())
                            .redirectInput(ProcessBuilder.Redirect.PIPE)
                            .start();
            URI annalsUri = awaitReady(ready, server);

            Random random = new Random(7);
            String address = contracts.get(6);
            String last = "0x" + Long.toHexString(blocks - 1);
            List<Shape> shapes =
                    List.of(
                            new Shape(
                                    "eth_getLogs one block",
                                    i -> {
                                        String n = hex(1 + random.nextInt(blocks - 1));
                                        return call(
                                                "eth_getLogs",
                                                "[{\"fromBlock\":\""
                                                        + n
                                                        + "\",\"toBlock\":\""
                                                        + n
                                                        + "\"}]");
                                    }),
                            new Shape(
                                    "eth_getLogs by blockHash",
                                    i ->
                                            call(
                                                    "eth_getLogs",
                                                    "[{\"blockHash\":\""
                                                            + chain.hashes.get(
                                                                    1 + random.nextInt(blocks - 1))
                                                            + "\"}]")),
                            new Shape(
                                    "eth_getLogs whole chain by address",
                                    i ->
                                            call(
                                                    "eth_getLogs",
                                                    "[{\"fromBlock\":\"0x0\",\"toBlock\":\""
                                                            + last
                                                            + "\",\"address\":\""
                                                            + address
                                                            + "\"}]")),
                            new Shape(
                                    "eth_getLogs whole chain by topic0",
                                    i ->
                                            call(
                                                    "eth_getLogs",
                                                    "[{\"fromBlock\":\"0x0\",\"toBlock\":\""
                                                            + last
                                                            + "\",\"topics\":[\"0x"
                                                            + AnvilChain.APPROVAL
                                                            + "\"]}]")),
                            new Shape(
                                    "eth_getBlockByNumber full",
                                    i ->
                                            call(
                                                    "eth_getBlockByNumber",
                                                    "[\""
                                                            + hex(1 + random.nextInt(blocks - 1))
                                                            + "\",true]")),
                            new Shape(
                                    "eth_getBlockReceipts",
                                    i ->
                                            call(
                                                    "eth_getBlockReceipts",
                                                    "[\""
                                                            + hex(1 + random.nextInt(blocks - 1))
                                                            + "\"]")));
            System.out.printf(
                    "load: %d clients, %d requests per shape and side after %d to warm up; load average %s%n",
                    concurrency, requests, warmup, loadAverage());
            List<Shape> chosen = new ArrayList<>();
            for (String which : args.text("shapes", "1,2,3,4,5,6").split(",")) {
                chosen.add(shapes.get(Integer.parseInt(which.trim()) - 1));
            }
            ServerJit jit = new ServerJit(annalsUri);
            double jitBefore = jit.millis();
            long warmupNanos = (long) (args.integer("warmup-seconds", 20) * 1e9);
            for (Shape shape : chosen) {
                // every shape warms both servers up before anything is timed: at least `warmup`
                // requests and `warmup-seconds` each, so that the JVM's compilers have done
                // their work (a node serves for days; anvil is compiled ahead of time)
                for (URI side : List.of(annalsUri, anvilUri)) {
                    long start = System.nanoTime();
                    do {
                        RpcLoad.run(side, concurrency, warmup, shape.body());
                    } while (System.nanoTime() - start < warmupNanos);
                }
            }
            System.out.printf(
                    "warmed up: the Annals server's JIT compiled for %.0f ms meanwhile%n",
                    jit.millis() - jitBefore);
            int rounds = args.integer("rounds", 3);
            List<List<Measured>> annals = new ArrayList<>();
            List<List<Measured>> other = new ArrayList<>();
            Side annalsSide = new Side(server.pid(), annalsUri, jit);
            Side anvilSide = new Side(anvil.pid(), anvilUri, null);
            for (Shape shape : chosen) {
                annals.add(new ArrayList<>());
                other.add(new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (int s = 0; s < chosen.size(); s++) {
                    IntFunction<String> body = chosen.get(s).body();
                    // alternate which side goes first, so neither always meets the other's
                    // leftovers
                    if ((round + s) % 2 == 0) {
                        annals.get(s).add(measure(annalsSide, concurrency, requests, body));
                        other.get(s).add(measure(anvilSide, concurrency, requests, body));
                    } else {
                        other.get(s).add(measure(anvilSide, concurrency, requests, body));
                        annals.get(s).add(measure(annalsSide, concurrency, requests, body));
                    }
                }
            }
            List<String> ratios = new ArrayList<>();
            for (int s = 0; s < chosen.size(); s++) {
                String name = chosen.get(s).name();
                Measured a = median(annals.get(s));
                Measured b = median(other.get(s));
                report("annals", name, a);
                report("anvil", name, b);
                ratios.add(
                        String.format(
                                "ratio %-38s annals/anvil %6.2f  (%.0f vs %.0f answers/s, medians of %d rounds; server CPU %.3f vs %.3f ms/answer)",
                                name,
                                a.load().perSecond() / b.load().perSecond(),
                                a.load().perSecond(),
                                b.load().perSecond(),
                                rounds,
                                a.cpuMillisPerAnswer(),
                                b.cpuMillisPerAnswer()));
            }
            System.out.println("load average at the end " + loadAverage());
            ratios.forEach(System.out::println);
        } finally {
            if (server != null) {
                server.getOutputStream().close();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
            anvil.destroy();
            if (!anvil.waitFor(10, TimeUnit.SECONDS)) {
                anvil.destroyForcibly();
            }
        }
    }

    /**
     * A run, the CPU time its server spent on it (all its threads) and what the load generator
     * itself spent, per answer: steadier than the rate on a shared machine, and the load
     * generator's share says how much of the machine the servers had. For the Annals server also
     * its JIT's time during the run (NaN for anvil).
     */
    private record Measured(
            RpcLoad.Result load, ProcessCpu server, ProcessCpu client, double jitMillis) {
        double cpuMillisPerAnswer() {
            return server.totalMillis();
        }
    }

    /** A server under comparison: its process, its URL and, for Annals, its JIT's clock. */
    private record Side(long pid, URI uri, ServerJit jit) {}

    private static Measured measure(
            Side side, int concurrency, int requests, IntFunction<String> body) throws Exception {
        long self = ProcessHandle.current().pid();
        double jitBefore = side.jit() == null ? Double.NaN : side.jit().millis();
        ProcessCpu server = ProcessCpu.of(side.pid());
        ProcessCpu client = ProcessCpu.of(self);
        RpcLoad.Result result = RpcLoad.run(side.uri(), concurrency, requests, body);
        ProcessCpu serverAfter = ProcessCpu.of(side.pid());
        ProcessCpu clientAfter = ProcessCpu.of(self);
        return new Measured(
                result,
                serverAfter.since(server, requests),
                clientAfter.since(client, requests),
                side.jit() == null ? Double.NaN : side.jit().millis() - jitBefore);
    }

    /** The round with the median rate (by answers per second). */
    private static Measured median(List<Measured> results) {
        List<Measured> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(m -> m.load().perSecond()));
        return sorted.get(sorted.size() / 2);
    }

    private static void report(String side, String shape, Measured m) {
        RpcLoad.Result r = m.load();
        System.out.printf(
                "%-7s %-38s %8.1f answers/s  p50 %7.2f ms  p99 %7.2f ms  %7.1f KB/answer  errors %d  server CPU %.3f ms/answer (user %.3f, system %.3f), load generator %.3f%s%n",
                side,
                shape,
                r.perSecond(),
                r.p50Millis(),
                r.p99Millis(),
                r.bytes() / 1024.0 / r.requests(),
                r.errors(),
                m.cpuMillisPerAnswer(),
                m.server().userMillis(),
                m.server().systemMillis(),
                m.client().totalMillis(),
                Double.isNaN(m.jitMillis())
                        ? ""
                        : String.format(", server JIT %.0f ms in the run", m.jitMillis()));
    }

    private static String call(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}";
    }

    private static String hex(long n) {
        return "0x" + Long.toHexString(n);
    }

    private record Imported(Hash genesis, List<String> hashes, long logs) {}

    private static Imported importInto(JsonRpcClient anvil, Path store, int blocks)
            throws IOException, InterruptedException {
        List<String> hashes = new ArrayList<>();
        long logs = 0;
        Hash genesis = null;
        HistoryStore history = null;
        try {
            for (int n = 0; n < blocks; n++) {
                JsonNode block =
                        anvil.call(
                                "eth_getBlockByNumber",
                                "[\"0x" + Integer.toHexString(n) + "\",true]");
                JsonNode receipts =
                        anvil.call(
                                "eth_getBlockReceipts", "[\"0x" + Integer.toHexString(n) + "\"]");
                FullBlock full = PublishedBlocks.rebuild(block, receipts);
                if (history == null) {
                    genesis = full.hash();
                    history =
                            HistoryStore.open(
                                    store,
                                    new ChainIdentity(31337, genesis),
                                    StoreSettings.defaults().withSyncWrites(false));
                }
                history.write(full);
                hashes.add(full.hash().toHex());
                logs += full.receipts().stream().mapToLong(r -> r.logs().size()).sum();
            }
        } finally {
            if (history != null) {
                history.close();
            }
        }
        return new Imported(genesis, hashes, logs);
    }

    private static JsonRpcClient awaitServing(URI uri, Process anvil) throws Exception {
        JsonRpcClient client = new JsonRpcClient(uri);
        for (int i = 0; i < 300; i++) {
            if (!anvil.isAlive()) {
                throw new IllegalStateException("anvil exited with " + anvil.exitValue());
            }
            try {
                client.call("eth_chainId", "[]");
                return client;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("anvil did not answer within 30 s");
    }

    private static URI awaitReady(Path ready, Process server) throws Exception {
        for (int i = 0; i < 600 && !Files.isRegularFile(ready); i++) {
            if (!server.isAlive()) {
                throw new IllegalStateException(
                        "the Annals server exited with " + server.exitValue());
            }
            Thread.sleep(100);
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(ready)) {
            properties.load(in);
        }
        return URI.create(properties.getProperty("url"));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
