package io.annals.rpc.server;

import static io.annals.rpc.server.JsonRpcHttpTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Request size, response size, deadline and executor limits, over real HTTP. */
class LimitsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBodyOverTheLimitGets413AndTheServerKeepsServing() {
        try (TestServer server = TestServer.start("annals.rpc.max-request-size = 1 KiB")) {
            String big = request(1, "web3_sha3", "[\"0x" + "ab".repeat(2048) + "\"]");
            HttpResponse<String> refused = server.post(big);
            assertThat(refused.statusCode()).isEqualTo(413);

            HttpResponse<String> next = server.post(request(2, "eth_chainId", "[]"));
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"}");
        }
    }

    @Test
    void aBatchPastTheResponseLimitAnswersResponseTooLargeForTheRest() throws Exception {
        try (TestServer server = TestServer.start("annals.rpc.max-response-size = 1000")) {
            String batch =
                    IntStream.range(0, 10)
                            .mapToObj(i -> request(i, "test_repeat", "[\"a\", \"0xc8\"]"))
                            .collect(Collectors.joining(",", "[", "]"));
            JsonNode answers = JSON.readTree(server.post(batch).body());
            assertThat(answers).hasSize(10);

            int answerLength =
                    ("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":\"" + "a".repeat(200) + "\"}")
                            .length();
            int fitting = 1000 / answerLength;
            int successes = 0;
            for (int i = 0; i < answers.size(); i++) {
                JsonNode answer = answers.get(i);
                assertThat(answer.get("id").asInt()).isEqualTo(i);
                if (answer.has("result")) {
                    successes++;
                } else {
                    assertThat(answer.get("error").get("code").asInt()).isEqualTo(-32003);
                    assertThat(answer.get("error").get("message").asText())
                            .isEqualTo("response too large");
                }
            }
            assertThat(successes).isEqualTo(fitting);
        }
    }

    @Test
    void aSingleAnswerPastTheResponseLimitIsRefused() {
        try (TestServer server = TestServer.start("annals.rpc.max-response-size = 1000")) {
            assertThat(server.post(request(1, "test_repeat", "[\"a\", \"0x7d0\"]")).body())
                    .isEqualTo(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32003,\"message\":\"response too large\"}}");
            assertThat(server.post(request(2, "test_repeat", "[\"a\", \"0xa\"]")).body())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"aaaaaaaaaa\"}");
        }
    }

    @Test
    void aSlowCallTimesOutIsInterruptedAndOthersAreAnswered() throws Exception {
        try (TestServer server = TestServer.start("annals.rpc.request-timeout = 300ms")) {
            assertThat(server.post(request(1, "test_block", "[]")).body())
                    .isEqualTo(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,\"message\":\"request timed out\"}}");
            assertThat(server.methods.interrupted.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();

            String batch =
                    "["
                            + request(1, "test_block", "[]")
                            + ","
                            + request(2, "eth_chainId", "[]")
                            + "]";
            assertThat(server.post(batch).body())
                    .isEqualTo(
                            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,"
                                    + "\"message\":\"request timed out\"}},{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"}]");
            assertThat(server.methods.interrupted.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();

            // the blocking pool is free again: the timed-out handlers did not keep their threads
            assertThat(server.post(request(3, "web3_sha3", "[\"0x\"]")).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aFullBlockingQueueAnswersLimitExceededAtOnce() throws Exception {
        String config =
                "annals.rpc { blocking-threads = 1, blocking-queue-size = 1, request-timeout = 300ms }";
        try (TestServer server = TestServer.start(config)) {
            String batch =
                    "["
                            + request(1, "test_block", "[]")
                            + ","
                            + request(2, "test_block", "[]")
                            + ","
                            + request(3, "test_block", "[]")
                            + "]";
            JsonNode answers = JSON.readTree(server.post(batch).body());
            assertThat(answers.get(0).get("error").get("code").asInt()).isEqualTo(-32002);
            assertThat(answers.get(1).get("error").get("code").asInt()).isEqualTo(-32002);
            assertThat(answers.get(2).get("error").get("code").asInt()).isEqualTo(-32005);
            assertThat(answers.get(2).get("error").get("message").asText())
                    .isEqualTo("server busy: too many pending requests");
            // the running call was interrupted (the queued one is cancelled, or interrupted if it
            // just started)
            assertThat(server.methods.interrupted.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
