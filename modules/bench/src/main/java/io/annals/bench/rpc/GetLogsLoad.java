package io.annals.bench.rpc;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * The load side of the {@code eth_getLogs} benchmark, run in its own JVM against {@link
 * RpcBenchServer}: four query shapes over random windows of the stored range, each first warmed up
 * (at least {@code warmup} requests and {@code warmup-seconds}, so that the server's JIT has done
 * its work: its compile time during the warm-up and each run is printed), then timed with one
 * client (latency) and with several in parallel (throughput), each client on its own HTTP/1.1
 * keep-alive connection ({@link KeepAliveClient}: it reads and counts, never parses, so the load
 * JVM takes little CPU from the server on the same two cores). Reports requests and logs per
 * second, MB/s of JSON, and p50, p99 and maximum latency.
 *
 * <pre>
 * java -cp modules/bench/target/benchmarks.jar io.annals.bench.rpc.GetLogsLoad \
 *     --ready=/tmp/rpc-bench.properties [--requests=200] [--warmup=40] [--warmup-seconds=10]
 *     [--concurrency=1,4] [--shapes=1,2,3,4]
 * </pre>
 */
public final class GetLogsLoad {
    private final URI uri;

    private GetLogsLoad(URI uri) {
        this.uri = uri;
    }

    /** One query shape: a name and the filter for a random window. */
    private record Shape(String name, LongFunction<String> filter) {}

    /** The outcome of one request. */
    private record Sample(long nanos, int bytes, int logs, boolean error) {}

    /** The requests of one run and the wall-clock time they took together. */
    private record Run(List<Sample> samples, long elapsedNanos) {}

    public static void main(String[] arguments) throws Exception {
        Options args =
                new Options(
                        arguments,
                        Set.of(
                                "ready",
                                "requests",
                                "warmup",
                                "warmup-seconds",
                                "concurrency",
                                "seed",
                                "shapes"));
        Properties chain = new Properties();
        try (Reader in =
                Files.newBufferedReader(Path.of(args.text("ready", "rpc-bench.properties")))) {
            chain.load(in);
        }
        long first = Long.parseLong(chain.getProperty("first"));
        long last = Long.parseLong(chain.getProperty("last"));
        String address = chain.getProperty("address");
        String topic = chain.getProperty("topic0");
        String pairAddress = chain.getProperty("pair.address");
        String pairTopic = chain.getProperty("pair.topic0");
        List<Shape> shapes =
                List.of(
                        new Shape("one block, all logs", n -> range(n, n)),
                        new Shape(
                                "1,000 blocks by address",
                                n -> range(n, n + 999) + ", \"address\": \"" + address + "\""),
                        new Shape(
                                "10,000 blocks by topic0",
                                n -> range(n, n + 9_999) + ", \"topics\": [\"" + topic + "\"]"),
                        new Shape(
                                "10,000 blocks by address+topic0",
                                n ->
                                        range(n, n + 9_999)
                                                + ", \"address\": \""
                                                + pairAddress
                                                + "\", \"topics\": [\""
                                                + pairTopic
                                                + "\"]"));
        long[] widths = {1, 1_000, 10_000, 10_000};
        System.out.printf(
                "store: blocks %d..%d, %s logs per block; address %s (%s logs/block), topic0 %s (%s), "
                        + "pair (%s)%n",
                first,
                last,
                chain.getProperty("logs-per-block"),
                address,
                chain.getProperty("address.logs-per-block"),
                topic,
                chain.getProperty("topic0.logs-per-block"),
                chain.getProperty("pair.logs-per-block"));
        GetLogsLoad load = new GetLogsLoad(URI.create(chain.getProperty("url")));
        int requests = args.integer("requests", 200);
        Random random = new Random(args.integer("seed", 1));
        ServerJit jit = new ServerJit(load.uri);
        long warmupNanos = args.integer("warmup-seconds", 10) * 1_000_000_000L;
        for (String which : args.text("shapes", "1,2,3,4").split(",")) {
            int s = Integer.parseInt(which.trim()) - 1;
            Shape shape = shapes.get(s);
            long span = last - first + 1 - widths[s];
            double jitBefore = jit.millis();
            long warmupStart = System.nanoTime();
            do {
                load.run(shape, random, first, span, 1, args.integer("warmup", 40));
            } while (System.nanoTime() - warmupStart < warmupNanos);
            System.out.printf(
                    "%-34s warmed up for %.0f s (server JIT %.0f ms)%n",
                    shape.name(),
                    (System.nanoTime() - warmupStart) / 1e9,
                    jit.millis() - jitBefore);
            for (String c : args.text("concurrency", "1,4").split(",")) {
                int concurrency = Integer.parseInt(c.trim());
                double before = jit.millis();
                Run run = load.run(shape, random, first, span, concurrency, requests);
                report(shape.name(), concurrency, run, jit.millis() - before);
            }
        }
    }

    private Run run(
            Shape shape, Random random, long first, long span, int concurrency, int requests)
            throws Exception {
        String[] bodies = new String[requests];
        for (int i = 0; i < requests; i++) {
            long start = first + (span <= 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
            bodies[i] =
                    "{\"jsonrpc\":\"2.0\",\"id\":"
                            + i
                            + ",\"method\":\"eth_getLogs\",\"params\":[{"
                            + shape.filter().apply(start)
                            + "}]}";
        }
        AtomicInteger next = new AtomicInteger();
        Sample[] samples = new Sample[requests];
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            running.add(
                    clients.submit(
                            () -> {
                                try (KeepAliveClient client =
                                        new KeepAliveClient(uri, "\"logIndex\"")) {
                                    for (int i = next.getAndIncrement();
                                            i < requests;
                                            i = next.getAndIncrement()) {
                                        samples[i] = send(client, bodies[i]);
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        long elapsed = System.nanoTime() - t0;
        clients.shutdown();
        return new Run(Arrays.asList(samples), elapsed);
    }

    private static Sample send(KeepAliveClient client, String body) throws IOException {
        long start = System.nanoTime();
        KeepAliveClient.Answer answer =
                client.post(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long nanos = System.nanoTime() - start;
        return new Sample(
                nanos,
                (int) answer.bodyBytes(),
                answer.counted(),
                answer.error() || answer.status() != 200);
    }

    private static void report(String shape, int concurrency, Run run, double jitMillis) {
        List<Sample> samples = run.samples();
        double[] millis = samples.stream().mapToDouble(s -> s.nanos() / 1e6).sorted().toArray();
        long bytes = samples.stream().mapToLong(Sample::bytes).sum();
        long logs = samples.stream().mapToLong(Sample::logs).sum();
        long errors = samples.stream().filter(Sample::error).count();
        double seconds = run.elapsedNanos() / 1e9;
        System.out.printf(
                "%-34s c=%d  %7.1f req/s  %9.0f logs/s  %6.1f MB/s  logs/req %6.0f  p50 %7.1f ms  "
                        + "p99 %7.1f ms  max %7.1f ms  errors %d  server JIT %.0f ms%n",
                shape,
                concurrency,
                samples.size() / seconds,
                logs / seconds,
                bytes / seconds / 1e6,
                (double) logs / samples.size(),
                percentile(millis, 0.50),
                percentile(millis, 0.99),
                millis[millis.length - 1],
                errors,
                jitMillis);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static String range(long from, long to) {
        return "\"fromBlock\": \"0x"
                + Long.toHexString(from)
                + "\", \"toBlock\": \"0x"
                + Long.toHexString(to)
                + "\"";
    }
}
