package io.annals.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Chains;
import io.annals.core.testing.MainnetBlock;
import io.annals.core.types.Hash;
import io.annals.rpc.NodeIdentity;
import io.annals.rpc.RpcServer;
import io.annals.rpc.RpcSettings;
import io.annals.rpc.health.HealthSnapshot;
import io.annals.rpc.health.HealthSource;
import io.annals.rpc.methods.NetMethods;
import io.annals.rpc.methods.RpcMethods;
import io.annals.rpc.methods.Web3Methods;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.rpc.upstream.StateMethods;
import io.annals.rpc.upstream.UpstreamSettings;
import io.annals.store.ChainIdentity;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real history store in a test folder served by a real RPC server on 127.0.0.1 (ephemeral port),
 * with an HTTP/1.1 client; what a node wires, minus the sync. Filter expiry runs on {@link #clock}.
 */
final class HistoryNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ChainIdentity MAINNET =
            new ChainIdentity(
                    1,
                    Hash.fromHex(
                            "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"));

    /** What {@code net_peerCount} reports. */
    static final int PEERS = 3;

    final HistoryStore store;
    final HistoryApi api;
    final RpcServer server;
    final URI uri;
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final MetricsRegistry metrics = new MetricsRegistry();
    final SyncProgressHolder sync = new SyncProgressHolder();
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    /** A mutable sync status, as the node's supervisor would publish it. */
    static final class SyncProgressHolder implements SyncStatusSource {
        volatile SyncProgress progress;

        @Override
        public java.util.Optional<SyncProgress> progress() {
            return java.util.Optional.ofNullable(progress);
        }
    }

    private HistoryNode(Path dir, long startBlock, String config, ChainSpec chain) {
        store =
                HistoryStore.open(
                        dir,
                        chain == Chains.MAINNET
                                ? MAINNET
                                : new ChainIdentity(chain.chainId(), chain.genesisHash()),
                        StoreSettings.defaults()
                                .withSyncWrites(false)
                                .withLevelDb(1 << 20, 4 << 10, false)
                                .withStartBlock(startBlock));
        Config root =
                ConfigFactory.parseString(
                                "annals.rpc { host = \"127.0.0.1\", port = 0 }\n" + config)
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve();
        api = HistoryApi.create(store, chain, sync, HistorySettings.fromConfig(root), clock::get);
        RpcMethods methods =
                RpcMethods.builder()
                        .addAll(Web3Methods.create(new NodeIdentity("Annals/test", 1, 1)))
                        .addAll(api.methods())
                        .addAll(NetMethods.create(() -> PEERS))
                        .addAll(
                                StateMethods.create(
                                        UpstreamSettings.fromConfig(root),
                                        RpcSettings.fromConfig(root).maxResponseSize(),
                                        JSON))
                        .build();
        api.registerMetrics(metrics);
        server =
                RpcServer.start(
                        RpcSettings.fromConfig(root),
                        methods,
                        HealthSource.of(() -> HealthSnapshot.healthy("follow", 0, 0)),
                        metrics,
                        api.subscriptions());
        uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/");
    }

    static HistoryNode open(Path dir, long startBlock) {
        return new HistoryNode(dir, startBlock, "", Chains.MAINNET);
    }

    /** A node of another chain (its rules decide fork-dependent answers such as blob fees). */
    static HistoryNode open(Path dir, long startBlock, String config, ChainSpec chain) {
        return new HistoryNode(dir, startBlock, config, chain);
    }

    /**
     * @param config HOCON overriding defaults, e.g. {@code annals.rpc.get-logs.max-logs = 10}
     */
    static HistoryNode open(Path dir, long startBlock, String config) {
        return new HistoryNode(dir, startBlock, config, Chains.MAINNET);
    }

    static FullBlock full(MainnetBlock block) {
        return new FullBlock(block.header(), block.body(), block.receipts());
    }

    void write(List<FullBlock> blocks) {
        store.write(blocks);
    }

    /**
     * The whole response object of one call; {@code params} is the JSON text of the params array.
     */
    JsonNode call(String method, String params) {
        try {
            return JSON.readTree(
                    post(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                                    + method
                                    + "\",\"params\":"
                                    + params
                                    + "}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result of a call that must succeed. */
    JsonNode result(String method, String params) {
        JsonNode response = call(method, params);
        if (response.has("error")) {
            throw new AssertionError(
                    method + params + " answered an error: " + response.get("error"));
        }
        return response.get("result");
    }

    /** The error object of a call that must fail. */
    JsonNode error(String method, String params) {
        JsonNode response = call(method, params);
        if (!response.has("error")) {
            throw new AssertionError(
                    method + params + " answered a result: " + response.get("result"));
        }
        return response.get("error");
    }

    /** The raw text of the response, to check member order and encodings exactly. */
    String post(String body) {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        try {
            HttpResponse<String> response =
                    client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void advanceClock(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    @Override
    public void close() {
        server.close();
        api.close();
        store.close();
    }
}
