package io.annals.bench.rpc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The load generator both sides of a comparison get: {@code concurrency} clients, each on its own
 * HTTP/1.1 keep-alive connection ({@link KeepAliveClient}), each sending the next request of a
 * fixed list as soon as its previous answer has arrived; answers are read and counted, not parsed.
 * Reports answers per second and latency percentiles; an answer with an {@code "error"} member
 * counts as an error.
 */
final class RpcLoad {
    /** The outcome of one run. */
    record Result(
            int requests,
            double seconds,
            double p50Millis,
            double p99Millis,
            long bytes,
            int errors) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private static final byte[] ERROR =
            "\"error\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private RpcLoad() {}

    /** Sends {@code requests} bodies made by {@code body} (given the request's index). */
    static Result run(URI uri, int concurrency, int requests, IntFunction<String> body)
            throws Exception {
        byte[][] bodies = new byte[requests][];
        for (int i = 0; i < requests; i++) {
            bodies[i] = body.apply(i).getBytes(StandardCharsets.UTF_8);
        }
        long[] nanos = new long[requests];
        long[] sizes = new long[requests];
        boolean[] errors = new boolean[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            running.add(
                    clients.submit(
                            () -> {
                                try (KeepAliveClient client = new KeepAliveClient(uri)) {
                                    for (int i = next.getAndIncrement();
                                            i < requests;
                                            i = next.getAndIncrement()) {
                                        long t0 = System.nanoTime();
                                        KeepAliveClient.Answer answer = client.post(bodies[i]);
                                        nanos[i] = System.nanoTime() - t0;
                                        sizes[i] = answer.bodyBytes();
                                        errors[i] = answer.error() || answer.status() != 200;
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        double[] millis = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
        int errorCount = 0;
        for (boolean e : errors) {
            errorCount += e ? 1 : 0;
        }
        return new Result(
                requests,
                seconds,
                percentile(millis, 0.5),
                percentile(millis, 0.99),
                Arrays.stream(sizes).sum(),
                errorCount);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
