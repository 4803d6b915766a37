package io.annals.rpc.server;

import static io.annals.rpc.server.JsonRpcHttpTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.rpc.health.HealthSnapshot;
import io.annals.rpc.health.HealthSource;
import io.annals.rpc.metrics.PrometheusSamples;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** GET /health (200 healthy, 503 stalled or silent) and GET /metrics (Prometheus text). */
class HealthAndMetricsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stall report as the sync module might give it. */
    record StallDetails(
            int pendingBlocks, List<Long> escalationBlocks, Map<String, String> peers) {}

    @Test
    void healthIs200WhileHealthyAnd503WhileStalled() throws Exception {
        AtomicReference<HealthSnapshot> current =
                new AtomicReference<>(HealthSnapshot.healthy("follow", 19_000_000, 2));
        try (TestServer server = TestServer.start("", HealthSource.of(current::get))) {
            HttpResponse<String> healthy = server.get("/health");
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(healthy.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(healthy.body())
                    .isEqualTo(
                            "{\"status\":\"ok\",\"syncMode\":\"follow\",\"headBlock\":19000000,\"lagBlocks\":2,\"stalled\":false}");

            current.set(
                    HealthSnapshot.stalled(
                            "follow",
                            19_000_000,
                            40,
                            "no assignment possible for 30s while 12 blocks wait",
                            new StallDetails(
                                    12,
                                    List.of(19_000_001L, 19_000_002L),
                                    Map.of("peer-1", "cooling down until +4s"))));
            HttpResponse<String> stalled = server.get("/health");
            assertThat(stalled.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(stalled.body());
            assertThat(body.get("status").asText()).isEqualTo("stalled");
            assertThat(body.get("stalled").asBoolean()).isTrue();
            assertThat(body.get("lagBlocks").asLong()).isEqualTo(40);
            assertThat(body.get("stallReport").asText())
                    .isEqualTo("no assignment possible for 30s while 12 blocks wait");
            assertThat(body.get("stallDetails").get("pendingBlocks").asInt()).isEqualTo(12);
            assertThat(body.get("stallDetails").get("escalationBlocks").get(1).asLong())
                    .isEqualTo(19_000_002L);
            assertThat(body.get("stallDetails").get("peers").get("peer-1").asText())
                    .isEqualTo("cooling down until +4s");

            current.set(HealthSnapshot.healthy("follow", 19_000_040, 0));
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void healthIs503WhenTheSourceFailsOrDoesNotAnswer() {
        HealthSource failing =
                () -> CompletableFuture.failedFuture(new IllegalStateException("supervisor gone"));
        try (TestServer server = TestServer.start("", failing)) {
            HttpResponse<String> response = server.get("/health");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body())
                    .isEqualTo(
                            "{\"status\":\"unknown\",\"error\":\"health source did not answer\"}");
        }
        HealthSource silent = CompletableFuture::new;
        try (TestServer server = TestServer.start("annals.rpc.request-timeout = 200ms", silent)) {
            assertThat(server.get("/health").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void metricsExposeCallsByMethodAndOutcomeInTheTextFormat() throws Exception {
        try (TestServer server = TestServer.start("annals.rpc.request-timeout = 300ms")) {
            server.metrics.gauge(
                    "annals_sync_head_lag_blocks", "Blocks behind the best peer head.", () -> 3);
            for (int i = 0; i < 3; i++) {
                server.post(request(i, "eth_chainId", "[]"));
            }
            server.post(request(1, "web3_sha3", "[]"));
            server.post(request(1, "eth_nope", "[]"));
            server.post(request(1, "test_block", "[]"));

            HttpResponse<String> response = server.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            PrometheusSamples metrics = PrometheusSamples.parse(response.body());

            assertThat(metrics.type("annals_rpc_requests_total")).isEqualTo("counter");
            assertThat(
                            metrics.value(
                                    "annals_rpc_requests_total",
                                    Map.of("method", "eth_chainId", "outcome", "success")))
                    .isEqualTo(3);
            assertThat(
                            metrics.value(
                                    "annals_rpc_requests_total",
                                    Map.of("method", "web3_sha3", "outcome", "error")))
                    .isEqualTo(1);
            assertThat(
                            metrics.value(
                                    "annals_rpc_requests_total",
                                    Map.of("method", "unknown", "outcome", "error")))
                    .isEqualTo(1);
            assertThat(
                            metrics.value(
                                    "annals_rpc_requests_total",
                                    Map.of("method", "test_block", "outcome", "timeout")))
                    .isEqualTo(1);

            assertThat(metrics.type("annals_rpc_request_duration_seconds")).isEqualTo("histogram");
            assertThat(
                            metrics.value(
                                    "annals_rpc_request_duration_seconds_count",
                                    Map.of("method", "eth_chainId")))
                    .isEqualTo(3);
            assertThat(
                            metrics.value(
                                    "annals_rpc_request_duration_seconds_bucket",
                                    Map.of("method", "eth_chainId", "le", "+Inf")))
                    .isEqualTo(3);
            // the timed-out call took at least the 0.3 s timeout: it is not in the 0.25 s bucket
            assertThat(
                            metrics.value(
                                    "annals_rpc_request_duration_seconds_bucket",
                                    Map.of("method", "test_block", "le", "0.25")))
                    .isZero();
            assertThat(metrics.value("annals_sync_head_lag_blocks", Map.of())).isEqualTo(3);
            assertThat(metrics.value("annals_rpc_http_open_connections", Map.of()))
                    .isGreaterThanOrEqualTo(1);
        }
    }
}
