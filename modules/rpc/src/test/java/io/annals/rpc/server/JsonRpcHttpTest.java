package io.annals.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JSON-RPC 2.0 semantics over real HTTP: calls, batches, ids, notifications and every error case.
 */
class JsonRpcHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("annals.rpc.blocking-threads = 4");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersBuiltInMethods() {
        assertThat(call("web3_clientVersion", "[]").get("result").asText())
                .isEqualTo("Annals/v0.1.0-test/java17");
        assertThat(call("eth_chainId", "[]").get("result").asText()).isEqualTo("0x1");
        assertThat(call("net_version", "[]").get("result").asText()).isEqualTo("1");
        assertThat(call("web3_sha3", "[\"0x68656c6c6f20776f726c64\"]").get("result").asText())
                .isEqualTo("0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad");
        HttpResponse<String> response = server.post(request(1, "eth_chainId", "[]"));
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void blockingHandlersRunOnTheBlockingPoolAndAsyncOnesOnTheEventLoop() {
        assertThat(call("test_blockingThread", "[]").get("result").asText())
                .startsWith("annals-rpc-blocking");
        assertThat(call("test_asyncThread", "[]").get("result").asText())
                .startsWith("annals-rpc-io");
    }

    @Test
    void echoesIdsExactlyAsGiven() {
        for (String id :
                new String[] {
                    "123456789012345678901234567890123456789",
                    "1.50",
                    "-7e400",
                    "0",
                    "\"abc\"",
                    "\"\"",
                    "\"quote \\\" and \\\\ slash\"",
                    "null"
                }) {
            String body =
                    server.post(
                                    "{\"jsonrpc\":\"2.0\",\"id\":"
                                            + id
                                            + ",\"method\":\"eth_chainId\"}")
                            .body();
            assertThat(body)
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x1\"}");
        }
    }

    @Test
    void notificationsRunButAreNotAnswered() {
        int before = server.methods.counted.get();
        HttpResponse<String> single =
                server.post("{\"jsonrpc\":\"2.0\",\"method\":\"test_count\"}");
        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(single.body()).isEmpty();

        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"test_count\"}";
        HttpResponse<String> batch = server.post("[" + notification + "," + notification + "]");
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(batch.body()).isEmpty();

        String mixed =
                server.post(
                                "["
                                        + notification
                                        + ","
                                        + request(9, "eth_chainId", "[]")
                                        + ","
                                        + notification
                                        + "]")
                        .body();
        assertThat(mixed).isEqualTo("[{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":\"0x1\"}]");
        assertThat(server.methods.counted.get() - before).isEqualTo(5);
    }

    @Test
    void batchCallsRunConcurrentlyAndAnswerInRequestOrder() throws Exception {
        // the first call waits for a signal that only the last call gives: sequential execution
        // would hang
        String batch =
                "["
                        + request(1, "test_await", "[\"go\"]")
                        + ","
                        + request(2, "eth_chainId", "[]")
                        + ","
                        + request(3, "test_elsewhere", "[\"x\"]")
                        + ","
                        + request(4, "test_signal", "[\"go\"]")
                        + "]";
        JsonNode answers = JSON.readTree(server.post(batch).body());
        assertThat(answers).hasSize(4);
        assertThat(answers.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(answers.get(0).get("result").asText()).isEqualTo("go");
        assertThat(answers.get(1).get("result").asText()).isEqualTo("0x1");
        assertThat(answers.get(2).get("result").asText()).isEqualTo("async x");
        assertThat(answers.get(3).get("id").asInt()).isEqualTo(4);
    }

    @Test
    void aBatchAtTheLimitIsServedInOrder() throws Exception {
        String batch =
                IntStream.range(0, server.settings.maxBatchSize())
                        .mapToObj(i -> request(i, "test_repeat", "[\"" + i + ",\", \"0x2\"]"))
                        .collect(Collectors.joining(",", "[", "]"));
        JsonNode answers = JSON.readTree(server.post(batch).body());
        assertThat(answers).hasSize(server.settings.maxBatchSize());
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get("id").asInt()).isEqualTo(i);
            assertThat(answers.get(i).get("result").asText()).isEqualTo(i + "," + i + ",");
        }
    }

    @Test
    void aHugeBatchIsRefusedWhole() {
        int before = server.methods.counted.get();
        String batch =
                IntStream.range(0, server.settings.maxBatchSize() * 5)
                        .mapToObj(i -> request(i + 100, "test_count", "[]"))
                        .collect(Collectors.joining(",", "[", "]"));
        assertThat(server.post(batch).body())
                .isEqualTo(
                        "[{\"jsonrpc\":\"2.0\",\"id\":100,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}]");
        assertThat(server.methods.counted.get()).isEqualTo(before);
    }

    @Test
    void protocolErrors() {
        assertThat(server.post("{\"jsonrpc\":\"2.0\",\"method\":").body())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}");
        assertThat(server.post("").body())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}");
        assertThat(
                        server.post("{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"eth_chainId\"}")
                                .body())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-32600,\"message\":\"invalid request\"}}");
        assertThat(server.post("[]").body())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"empty batch\"}}");
        assertThat(server.post(request(5, "eth_getBalance", "[]")).body())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":5,"
                                + "\"error\":{\"code\":-32601,\"message\":\"the method eth_getBalance does not exist/is not available\"}}");
    }

    @Test
    void invalidParamsNameTheReason() {
        assertError(call("web3_sha3", "[]"), -32602, "missing value for required argument 0");
        assertError(
                call("web3_sha3", "[\"0x00\", 1]"), -32602, "too many arguments, want at most 1");
        assertError(call("web3_sha3", "{\"data\":\"0x00\"}"), -32602, "non-array args");
        assertError(
                call("web3_sha3", "[\"0x0\"]"),
                -32602,
                "invalid argument 0: hex string of odd length");
        assertError(call("eth_chainId", "[1]"), -32602, "too many arguments, want at most 0");
        assertError(
                call("test_repeat", "[\"a\", \"0x01\"]"),
                -32602,
                "invalid argument 1: hex number with leading zero digits");
    }

    @Test
    void internalErrorsLeakNothing() {
        HttpResponse<String> response = server.post(request(1, "test_fail", "[]"));
        assertThat(response.body())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"internal error\"}}");
        assertThat(response.body()).doesNotContain("secret", "Exception", "at io.");
    }

    @Test
    void handlerErrorsKeepTheirCodeAndData() {
        assertThat(server.post(request(1, "test_pruned", "[]")).body())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,"
                                + "\"error\":{\"code\":4444,\"message\":\"pruned history unavailable\",\"data\":{\"oldestBlock\":\"0x10\"}}}");
    }

    @Test
    void httpLevelErrors() {
        HttpResponse<String> wrongType =
                server.send(
                        HttpRequest.newBuilder(server.uri.resolve("/"))
                                .header("Content-Type", "text/plain")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                request(1, "eth_chainId", "[]")))
                                .build());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.body())
                .isEqualTo("invalid content type, only application/json is supported\n");

        HttpResponse<String> withCharset =
                server.send(
                        server.jsonPost(request(1, "eth_chainId", "[]"))
                                .header("Content-Type", "application/json; charset=UTF-8")
                                .build());
        assertThat(withCharset.statusCode()).isEqualTo(200);

        assertThat(server.get("/nope").statusCode()).isEqualTo(404);
        assertThat(
                        server.send(server.jsonPost("{}").uri(server.uri.resolve("/rpc")).build())
                                .statusCode())
                .isEqualTo(404);
        HttpResponse<String> getRoot = server.get("/");
        assertThat(getRoot.statusCode()).isEqualTo(405);
        assertThat(getRoot.headers().firstValue("allow")).hasValue("POST");
        assertThat(
                        server.send(
                                        server.jsonPost("{}")
                                                .uri(server.uri.resolve("/health"))
                                                .build())
                                .statusCode())
                .isEqualTo(405);
    }

    private static JsonNode call(String method, String params) {
        try {
            return JSON.readTree(server.post(request(1, method, params)).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String request(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}";
    }

    private static void assertError(JsonNode answer, int code, String message) {
        assertThat(answer.has("result")).as(answer.toString()).isFalse();
        assertThat(answer.get("error").get("code").asInt()).isEqualTo(code);
        assertThat(answer.get("error").get("message").asText()).isEqualTo(message);
    }
}
