package io.annals.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays go-ethereum's rpc/testdata request/response pairs (see the resource's header) over HTTP
 * and compares the bodies byte for byte: member order and id echo included.
 */
class GethCompatibilityTest {
    private static TestServer server;

    private record Exchange(String request, List<String> responses) {}

    @BeforeAll
    static void start() {
        server = TestServer.start("");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersAsGethDoes() throws IOException {
        List<Exchange> exchanges = load();
        assertThat(exchanges).hasSizeGreaterThan(25);
        for (Exchange exchange : exchanges) {
            HttpResponse<String> response = server.post(exchange.request());
            assertThat(response.statusCode()).as(exchange.request()).isEqualTo(200);
            String expected = exchange.responses().isEmpty() ? "" : exchange.responses().get(0);
            assertThat(response.body()).as(exchange.request()).isEqualTo(expected);
        }
    }

    @Test
    void aGethBatchOverTheItemLimitRunsNothing() {
        // rpc/testdata/invalid-batch-toolarge.js: the limit is 4 there, the batches have 5 elements
        try (TestServer limited = TestServer.start("annals.rpc.max-batch-size = 4")) {
            String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"test_count\",\"params\":[]}";
            String call = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"test_count\",\"params\":[]}";
            String allNotifications =
                    "["
                            + String.join(
                                    ",",
                                    List.of(
                                            notification,
                                            notification,
                                            notification,
                                            notification,
                                            notification))
                            + "]";
            assertThat(limited.post(allNotifications).body())
                    .isEqualTo(
                            "[{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}]");
            String withCall =
                    "["
                            + String.join(
                                    ",",
                                    List.of(
                                            notification,
                                            call,
                                            notification,
                                            notification,
                                            notification))
                            + "]";
            assertThat(limited.post(withCall).body())
                    .isEqualTo(
                            "[{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}]");
            assertThat(limited.methods.counted).hasValue(0);
        }
    }

    private static List<Exchange> load() throws IOException {
        List<Exchange> exchanges = new ArrayList<>();
        try (InputStream in =
                GethCompatibilityTest.class.getResourceAsStream("/geth-rpc-testdata.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("--> ")) {
                    exchanges.add(new Exchange(line.substring(4), new ArrayList<>()));
                } else if (line.startsWith("<-- ")) {
                    exchanges.get(exchanges.size() - 1).responses().add(line.substring(4));
                }
            }
        }
        return exchanges;
    }
}
