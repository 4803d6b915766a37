package io.annals.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * One Annals process of a test cluster: its data directory and cluster port stay the same across
 * runs (a restart is the same member again), each run logs to its own file. JSON-RPC and /health
 * are read over HTTP like any client would.
 */
final class ClusterMember implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A small heap per member (three of them and the test run on two cores), LMDB's opens. */
    static final List<String> JVM =
            List.of(
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "--add-opens",
                    "java.base/java.nio=ALL-UNNAMED",
                    "--add-opens",
                    "java.base/sun.nio.ch=ALL-UNNAMED");

    final String name;
    final Path dataDir;
    final int clusterPort;
    final String outbound;
    private final Path config;
    private final Path logs;
    private NodeProcess process;
    private int runs;

    ClusterMember(
            String name, Path dataDir, int clusterPort, String outbound, Path config, Path logs) {
        this.name = name;
        this.dataDir = dataDir;
        this.clusterPort = clusterPort;
        this.outbound = outbound;
        this.config = config;
        this.logs = logs;
    }

    ClusterMember start() throws IOException {
        runs++;
        process = NodeProcess.start(JVM, config, logs.resolve(name + "-" + runs + ".log"));
        return this;
    }

    ClusterMember awaitRpc() throws IOException, InterruptedException {
        process.awaitRpc(Duration.ofSeconds(90));
        return this;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The raw JSON-RPC answer to one call. */
    String call(String method, String params) throws IOException, InterruptedException {
        return process.call(method, params);
    }

    /** A batch of raw JSON-RPC calls, answered as one JSON array text. */
    String batch(String body) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(process.rpc())
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The {@code cluster} part of /health. */
    JsonNode cluster() throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(process.rpc().resolve("/health"))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body())
                .path("cluster");
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    int terminate(Duration max) throws InterruptedException {
        return process.terminate(max);
    }

    OptionalInt awaitExit(Duration max) throws InterruptedException {
        return process.exitWithin(max);
    }

    String tail() {
        return process == null ? "(not started)" : process.tail();
    }

    /** Everything this member logged, all runs. */
    String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        for (int run = 1; run <= runs; run++) {
            out.append(Files.readString(logs.resolve(name + "-" + run + ".log")));
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }
}
