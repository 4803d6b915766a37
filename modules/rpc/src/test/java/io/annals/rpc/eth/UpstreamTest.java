package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.rpc.upstream.StateMethods;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The methods that need state: refused with the reason without an upstream, and forwarded to a real
 * full node with state (anvil, Foundry's Rust node) when {@code annals.rpc.upstream} names one: for
 * each call Annals' answer must be anvil's own answer to the same request (result or error, as
 * anvil wrote it). A silent upstream answers -32002 after {@code upstream-timeout}; an absent one
 * -32000 naming it. Also {@code net_peerCount}, {@code net_listening} and {@code rpc_modules}.
 */
class UpstreamTest {
    private static final String DEV_ACCOUNT = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String OTHER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    @TempDir Path dir;

    @Test
    void withoutAnUpstreamTheStateMethodsSayThisNodeKeepsHistoryNotState() {
        try (HistoryNode node = HistoryNode.open(dir, 0)) {
            for (String method : StateMethods.METHODS) {
                JsonNode error = node.error(method, "[]");
                assertThat(error.get("code").asInt()).isEqualTo(-32601);
                assertThat(error.get("message").asText())
                        .isEqualTo(
                                "the method "
                                        + method
                                        + " does not exist/is not available: this node keeps"
                                        + " history, not state (set annals.rpc.upstream to forward"
                                        + " it to a full node)");
            }
            assertThat(node.result("net_peerCount", "[]").asText())
                    .isEqualTo("0x" + HistoryNode.PEERS);
            assertThat(node.result("net_listening", "[]").asBoolean()).isTrue();
            assertThat(node.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc_modules\"}"))
                    .isEqualTo(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"debug\":\"1.0\",\"eth\":\"1.0\","
                                    + "\"net\":\"1.0\",\"rpc\":\"1.0\",\"web3\":\"1.0\"}}");
        }
    }

    @Test
    void forwardedCallsAnswerExactlyWhatTheFullNodeAnswers() throws Exception {
        Path binary = Anvil.binary(ViemClient.scriptDir(ViemClient.RPC_MODULE_SCRIPT_DIR));
        try (Anvil anvil = Anvil.start(binary, "--chain-id", "1");
                HistoryNode node =
                        HistoryNode.open(dir, 0, "annals.rpc.upstream = \"" + anvil.uri() + "\"")) {
            List<String> calls = new ArrayList<>();
            calls.add(call("eth_getBalance", "[\"" + DEV_ACCOUNT + "\", \"latest\"]"));
            calls.add(call("eth_getTransactionCount", "[\"" + DEV_ACCOUNT + "\", \"latest\"]"));
            calls.add(call("eth_getCode", "[\"" + OTHER + "\", \"latest\"]"));
            calls.add(
                    call(
                            "eth_estimateGas",
                            "[{\"from\":\""
                                    + DEV_ACCOUNT
                                    + "\",\"to\":\""
                                    + OTHER
                                    + "\",\"value\":\"0x1\"}]"));
            calls.add(call("eth_call", "[{\"to\":\"" + OTHER + "\",\"data\":\"0x\"}, \"latest\"]"));
            // errors: a malformed address, and a block that does not exist yet
            calls.add(call("eth_getBalance", "[\"not-an-address\", \"latest\"]"));
            calls.add(call("eth_getCode", "[\"" + OTHER + "\", \"0xfffffff\"]"));
            int errors = 0;
            for (String body : calls) {
                JsonNode direct = HistoryNode.JSON.readTree(post(anvil.uri(), body));
                JsonNode forwarded = HistoryNode.JSON.readTree(node.post(body));
                assertThat(forwarded).as(body).isEqualTo(direct);
                errors += direct.has("error") ? 1 : 0;
            }
            assertThat(errors).as("calls that anvil refused").isEqualTo(2);
            assertThat(
                            node.result("eth_getBalance", "[\"" + DEV_ACCOUNT + "\", \"latest\"]")
                                    .asText())
                    .isEqualTo("0x21e19e0c9bab2400000"); // anvil's 10,000 ether per dev account
        }
    }

    @Test
    void aSilentUpstreamTimesOutAndAnAbsentOneIsNamed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread acceptor =
                    new Thread(
                            () -> {
                                List<Socket> held = new ArrayList<>();
                                try {
                                    while (true) {
                                        held.add(silent.accept()); // read nothing, answer nothing
                                    }
                                } catch (IOException closed) {
                                    held.forEach(UpstreamTest::closeQuietly);
                                }
                            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/";
            try (HistoryNode node =
                    HistoryNode.open(
                            dir.resolve("a"),
                            0,
                            "annals.rpc { upstream = \""
                                    + url
                                    + "\", upstream-timeout = 300ms }")) {
                JsonNode error = node.error("eth_getBalance", "[\"" + DEV_ACCOUNT + "\"]");
                assertThat(error.get("code").asInt()).isEqualTo(-32002);
                assertThat(error.get("message").asText())
                        .isEqualTo("upstream " + url + " did not answer within 300 ms");
            }
        }
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/";
        try (HistoryNode node =
                HistoryNode.open(dir.resolve("b"), 0, "annals.rpc.upstream = \"" + url + "\"")) {
            JsonNode error = node.error("eth_call", "[{}]");
            assertThat(error.get("code").asInt()).isEqualTo(-32000);
            assertThat(error.get("message").asText()).startsWith("upstream " + url + " failed: ");
        }
    }

    private static String call(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}";
    }

    private static String post(URI uri, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the test is over
        }
    }
}
