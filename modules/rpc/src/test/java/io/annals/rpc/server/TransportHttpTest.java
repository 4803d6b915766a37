package io.annals.rpc.server;

import static io.annals.rpc.server.JsonRpcHttpTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.rpc.metrics.PrometheusSamples;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** HTTP behaviour: gzip, keep-alive, pipelining, CORS and many clients at once. */
class TransportHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void compressesWithGzipOnlyWhenAsked() throws Exception {
        try (TestServer server = TestServer.start("")) {
            String body = request(1, "test_repeat", "[\"ab\", \"0x1000\"]");
            String expected =
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + "ab".repeat(4096) + "\"}";

            HttpResponse<byte[]> gzipped =
                    server.client.send(
                            server.jsonPost(body).header("Accept-Encoding", "gzip").build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(gzipped.headers().firstValue("content-encoding")).hasValue("gzip");
            assertThat(gzipped.body().length).isLessThan(expected.length() / 10);
            try (GZIPInputStream in =
                    new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(expected);
            }

            HttpResponse<String> plain = server.post(body);
            assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
            assertThat(plain.body()).isEqualTo(expected);
        }
    }

    @Test
    void keepsConnectionsAliveUntilAskedToClose() throws Exception {
        try (TestServer server = TestServer.start("");
                RawHttp http = new RawHttp(server.server.address().getPort())) {
            for (int id = 1; id <= 3; id++) {
                http.write(RawHttp.post(request(id, "eth_chainId", "[]"), ""));
                RawHttp.Response response = http.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body())
                        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x1\"}");
                assertThat(response.headers()).doesNotContainEntry("connection", "close");
            }
            http.write(RawHttp.post(request(4, "eth_chainId", "[]"), "Connection: close\r\n"));
            RawHttp.Response last = http.read();
            assertThat(last.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":\"0x1\"}");
            assertThat(last.headers()).containsEntry("connection", "close");
            assertThat(http.closedByServer()).isTrue();
            assertThat(connectionsAccepted(server)).isEqualTo(1);
        }
    }

    @Test
    void theJdkClientReusesOneConnection() {
        try (TestServer server = TestServer.start("")) {
            for (int i = 0; i < 5; i++) {
                assertThat(server.post(request(i, "eth_chainId", "[]")).statusCode())
                        .isEqualTo(200);
            }
            assertThat(connectionsAccepted(server)).isEqualTo(1);
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (TestServer server = TestServer.start("");
                RawHttp http = new RawHttp(server.server.address().getPort())) {
            // the first completes on another thread, the second at once: the second must wait its
            // turn
            http.write(
                    RawHttp.post(request(1, "test_elsewhere", "[\"first\"]"), "")
                            + RawHttp.post(request(2, "eth_chainId", "[]"), "")
                            + RawHttp.post(request(3, "web3_sha3", "[\"0x\"]"), ""));
            assertThat(http.read().body())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"async first\"}");
            assertThat(http.read().body())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"}");
            assertThat(http.read().body())
                    .startsWith("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":\"0xc5d2");
        }
    }

    @Test
    void corsAnswersPreflightsAndMarksAllowedOrigins() {
        try (TestServer server =
                TestServer.start("annals.rpc.cors-origins = [\"https://app.example\"]")) {
            HttpResponse<String> preflight =
                    server.send(
                            HttpRequest.newBuilder(server.uri.resolve("/"))
                                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                    .header("Origin", "https://app.example")
                                    .header("Access-Control-Request-Method", "POST")
                                    .header("Access-Control-Request-Headers", "content-type")
                                    .build());
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("access-control-allow-origin"))
                    .hasValue("https://app.example");
            assertThat(preflight.headers().firstValue("access-control-allow-methods").orElseThrow())
                    .contains("POST");
            assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow())
                    .containsIgnoringCase("content-type");

            HttpResponse<String> allowed =
                    server.send(
                            server.jsonPost(request(1, "eth_chainId", "[]"))
                                    .header("Origin", "https://app.example")
                                    .build());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("access-control-allow-origin"))
                    .hasValue("https://app.example");

            int before = server.methods.counted.get();
            HttpResponse<String> refused =
                    server.send(
                            server.jsonPost(request(1, "test_count", "[]"))
                                    .header("Origin", "https://evil.example")
                                    .build());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("access-control-allow-origin")).isEmpty();
            assertThat(server.methods.counted.get()).isEqualTo(before);

            HttpResponse<String> noOrigin = server.post(request(1, "eth_chainId", "[]"));
            assertThat(noOrigin.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void corsWildcardAndNoCors() {
        try (TestServer any = TestServer.start("annals.rpc.cors-origins = [\"*\"]")) {
            HttpResponse<String> response =
                    any.send(
                            any.jsonPost(request(1, "eth_chainId", "[]"))
                                    .header("Origin", "https://anywhere.example")
                                    .build());
            assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
        }
        try (TestServer none = TestServer.start("")) {
            HttpResponse<String> response =
                    none.send(
                            none.jsonPost(request(1, "eth_chainId", "[]"))
                                    .header("Origin", "https://app.example")
                                    .build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
        }
    }

    @Test
    void servesManyClientsAtOnce() throws Exception {
        try (TestServer server = TestServer.start("")) {
            List<HttpClient> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            }
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String body =
                        i % 2 == 0
                                ? request(i, "test_repeat", "[\"" + i + "\", \"0x3\"]")
                                : "["
                                        + request(i, "eth_chainId", "[]")
                                        + ","
                                        + request(-i, "test_elsewhere", "[\"" + i + "\"]")
                                        + "]";
                responses.add(
                        clients.get(i % clients.size())
                                .sendAsync(
                                        server.jsonPost(body).build(),
                                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < responses.size(); i++) {
                JsonNode answer = JSON.readTree(responses.get(i).get().body());
                if (i % 2 == 0) {
                    assertThat(answer.get("id").asInt()).isEqualTo(i);
                    assertThat(answer.get("result").asText())
                            .isEqualTo(String.valueOf(i).repeat(3));
                } else {
                    assertThat(answer.get(0).get("id").asInt()).isEqualTo(i);
                    assertThat(answer.get(1).get("id").asInt()).isEqualTo(-i);
                    assertThat(answer.get(1).get("result").asText()).isEqualTo("async " + i);
                }
            }
        }
    }

    private static double connectionsAccepted(TestServer server) {
        return PrometheusSamples.parse(server.metrics.scrape())
                .value("annals_rpc_http_connections_total", Map.of());
    }
}
