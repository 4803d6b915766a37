package io.annals.bench.rpc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The time the benchmark server's JIT compilers have spent so far, read from its {@code /metrics}
 * ({@code jvm_compilation_time_seconds_total} of the JVM instrumentation): a run during which the
 * server still compiles measures its warm-up, not the steady state a long-running node is in.
 */
final class ServerJit {
    private static final String METRIC = "jvm_compilation_time_seconds_total ";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI metrics;

    ServerJit(URI server) {
        this.metrics = server.resolve("/metrics");
    }

    /** Milliseconds of compilation so far. */
    double millis() throws IOException, InterruptedException {
        HttpResponse<String> response =
                client.send(
                        HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
        for (String line : response.body().split("\n")) {
            if (line.startsWith(METRIC)) {
                return Double.parseDouble(line.substring(METRIC.length()).trim()) * 1000;
            }
        }
        throw new IOException(metrics + " does not report " + METRIC.trim());
    }
}
