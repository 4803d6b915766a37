package io.annals.bench.rpc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The load generator both sides of a comparison get: {@code concurrency} clients over HTTP/1.1
 * keep-alive connections (the JDK client, one pool per run) each sending the next request of a
 * fixed list as soon as its previous answer has arrived, answers read as bytes. Reports answers per
 * second and latency percentiles; an answer with an {@code "error"} member counts as an error.
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
        HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
        String[] bodies = new String[requests];
        for (int i = 0; i < requests; i++) {
            bodies[i] = body.apply(i);
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
                                for (int i = next.getAndIncrement();
                                        i < requests;
                                        i = next.getAndIncrement()) {
                                    long t0 = System.nanoTime();
                                    byte[] answer = send(client, uri, bodies[i]);
                                    nanos[i] = System.nanoTime() - t0;
                                    sizes[i] = answer.length;
                                    errors[i] = contains(answer, ERROR);
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

    private static byte[] send(HttpClient client, URI uri, String body)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Whether {@code needle} occurs in the first 64 bytes (where an error object's member is). */
    private static boolean contains(byte[] haystack, byte[] needle) {
        int end = Math.min(haystack.length, 64) - needle.length;
        outer:
        for (int i = 0; i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
