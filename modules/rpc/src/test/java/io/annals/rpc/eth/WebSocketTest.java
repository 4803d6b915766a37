package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.types.Log;
import io.annals.store.FullBlock;
import io.annals.store.LogEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON-RPC over WebSocket on the RPC port, with the JDK's WebSocket client: calls and batches as
 * over HTTP, {@code newHeads} and {@code logs} subscriptions while blocks are written, the dropped
 * logs again with {@code removed: true} and then the new branch's after a reorg, the limits
 * (subscriptions per connection, a reader too slow for its notifications is dropped with code 1008
 * and a reason).
 */
class WebSocketTest {
    private static final long START = 1_000;

    @TempDir Path dir;

    @Test
    void callsAndBatchesAnswerAsOverHttp() throws Exception {
        try (HistoryNode node = HistoryNode.open(dir, START);
                Client ws = Client.connect(node)) {
            node.write(TestChains.blocks(31, START, 3));
            String request =
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x3e9\",true]}";
            ws.send(request);
            assertThat(ws.next()).isEqualTo(node.post(request));
            String batch =
                    "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_nope\"}]";
            ws.send(batch);
            assertThat(ws.next()).isEqualTo(node.post(batch));
            assertThat(node.call("eth_subscribe", "[\"newHeads\"]").get("error").toString())
                    .isEqualTo("{\"code\":-32601,\"message\":\"notifications not supported\"}");
        }
    }

    @Test
    void newHeadsAndLogsFollowTheChainThroughAReorg() throws Exception {
        List<FullBlock> chain = TestChains.blocks(32, START, 12);
        try (HistoryNode node = HistoryNode.open(dir, START);
                Client ws = Client.connect(node)) {
            node.write(chain.subList(0, 6));
            String heads = ws.subscribe("[\"newHeads\"]");
            Log sample =
                    chain.subList(6, 10).stream()
                            .flatMap(b -> b.receipts().stream())
                            .flatMap(r -> r.logs().stream())
                            .findFirst()
                            .orElseThrow();
            String logs =
                    ws.subscribe("[\"logs\", {\"address\": \"" + sample.address().toHex() + "\"}]");

            node.write(chain.subList(6, 10));
            List<String> expectedHeads =
                    chain.subList(6, 10).stream().map(b -> b.hash().toHex()).toList();
            List<String> expectedLogs = logKeys(node, 1006, 1009, sample.address().toHex());

            List<String> seenHeads = new ArrayList<>();
            List<String> seenLogs = new ArrayList<>();
            while (seenHeads.size() < 4 || seenLogs.size() < expectedLogs.size()) {
                JsonNode message = ws.notification();
                String id = message.get("params").get("subscription").asText();
                JsonNode result = message.get("params").get("result");
                if (id.equals(heads)) {
                    seenHeads.add(result.get("hash").asText());
                    assertThat(result.fieldNames().next())
                            .isEqualTo("parentHash"); // geth's types.Header order
                } else {
                    assertThat(id).isEqualTo(logs);
                    assertThat(result.get("removed").asBoolean()).isFalse();
                    seenLogs.add(key(result));
                }
            }
            assertThat(seenHeads).isEqualTo(expectedHeads);
            assertThat(seenLogs).isEqualTo(expectedLogs);

            // a reorg of the top two blocks: removed logs of 1008-1009 first, then the new branch
            List<FullBlock> branch = TestChains.branch(99, chain.get(7).header(), 3);
            node.store.replaceAbove(1007, branch);
            node.api.reorgListener().chainRolledBack(1007);
            List<String> removed =
                    expectedLogs.stream()
                            .filter(k -> k.startsWith("1008:") || k.startsWith("1009:"))
                            .toList();
            List<String> branchLogs = logKeys(node, 1008, 1010, sample.address().toHex());
            List<String> seenRemoved = new ArrayList<>();
            List<String> seenAdded = new ArrayList<>();
            List<String> branchHeads = new ArrayList<>();
            while (branchHeads.size() < 3
                    || seenRemoved.size() < removed.size()
                    || seenAdded.size() < branchLogs.size()) {
                JsonNode message = ws.notification();
                JsonNode result = message.get("params").get("result");
                if (message.get("params").get("subscription").asText().equals(heads)) {
                    branchHeads.add(result.get("hash").asText());
                } else if (result.get("removed").asBoolean()) {
                    assertThat(seenAdded)
                            .as("removals come before the new branch's logs")
                            .isEmpty();
                    seenRemoved.add(key(result));
                } else {
                    seenAdded.add(key(result));
                }
            }
            assertThat(seenRemoved).isEqualTo(removed);
            assertThat(seenAdded).isEqualTo(branchLogs);
            assertThat(branchHeads).isEqualTo(branch.stream().map(b -> b.hash().toHex()).toList());

            ws.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"eth_unsubscribe\",\"params\":[\""
                            + logs
                            + "\"]}");
            assertThat(ws.response(9).get("result").asBoolean()).isTrue();
            ws.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"eth_unsubscribe\",\"params\":[\""
                            + logs
                            + "\"]}");
            assertThat(ws.response(10).get("error").get("message").asText())
                    .isEqualTo("subscription not found");
            ws.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"eth_subscribe\",\"params\":[\"newPendingTransactions\"]}");
            assertThat(ws.response(11).get("error").toString())
                    .isEqualTo(
                            "{\"code\":-32601,\"message\":\"no \\\"newPendingTransactions\\\" subscription in eth namespace\"}");
        }
    }

    @Test
    void subscriptionsPerConnectionAreBounded() throws Exception {
        try (HistoryNode node =
                        HistoryNode.open(dir, START, "annals.rpc.ws.max-subscriptions = 2");
                Client ws = Client.connect(node)) {
            ws.subscribe("[\"newHeads\"]");
            ws.subscribe("[\"logs\", {}]");
            ws.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}");
            JsonNode error = ws.response(3).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(-32005);
            assertThat(error.get("message").asText())
                    .startsWith("too many subscriptions on this connection (at most 2)");
            assertThat(node.api.subscriptions()).isNotNull();
        }
    }

    @Test
    void aReaderTooSlowForItsNotificationsIsDroppedWithAReason() throws Exception {
        try (HistoryNode node =
                HistoryNode.open(
                        dir,
                        START,
                        "annals.rpc.ws.max-pending-bytes = 64 KiB, annals.rpc.ws.max-catch-up = 1000")) {
            Client ws = Client.connect(node);
            ws.subscribe("[\"logs\", {}]");
            ws.stopReading();
            // about 40 blocks of mainnet-shaped logs: megabytes of notifications nobody reads
            List<FullBlock> chain = TestChains.blocks(33, START, 200);
            for (int i = 0; i < chain.size() && !ws.closed().isDone(); i += 10) {
                node.write(chain.subList(i, i + 10));
                Thread.sleep(
                        50); // let the hub deliver; the assertion below waits on the close itself
            }
            ws.resumeReading();
            Client.Closed closed = ws.closed().get(60, TimeUnit.SECONDS);
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason())
                    .isEqualTo(
                            "subscriber too slow: more than 65536 bytes of notifications unsent");
        }
    }

    private static List<String> logKeys(HistoryNode node, long from, long to, String address) {
        List<String> keys = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            for (var receipt : node.store.receipts(n).orElseThrow().receipts()) {
                for (LogEntry log : receipt.logs()) {
                    if (log.log().address().toHex().equals(address)) {
                        keys.add(n + ":" + log.logIndex());
                    }
                }
            }
        }
        return keys;
    }

    private static String key(JsonNode log) {
        return Long.decode(log.get("blockNumber").asText())
                + ":"
                + Long.decode(log.get("logIndex").asText());
    }

    /** A JDK WebSocket client collecting whole text messages. */
    static final class Client implements WebSocket.Listener, AutoCloseable {
        record Closed(int code, String reason) {}

        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final List<String> pendingResponses = new ArrayList<>();
        private final CompletableFuture<Closed> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final AtomicInteger ids = new AtomicInteger(100);
        private volatile boolean paused;
        private WebSocket socket;

        static Client connect(HistoryNode node) throws Exception {
            Client client = new Client();
            URI uri = URI.create("ws://127.0.0.1:" + node.server.address().getPort() + "/");
            client.socket =
                    HttpClient.newHttpClient()
                            .newWebSocketBuilder()
                            .connectTimeout(Duration.ofSeconds(10))
                            .buildAsync(uri, client)
                            .get(30, TimeUnit.SECONDS);
            return client;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        /** Subscribes and returns the subscription id. */
        String subscribe(String params) throws Exception {
            int id = ids.incrementAndGet();
            send(
                    "{\"jsonrpc\":\"2.0\",\"id\":"
                            + id
                            + ",\"method\":\"eth_subscribe\",\"params\":"
                            + params
                            + "}");
            JsonNode response = response(id);
            assertThat(response.has("result")).as(response.toString()).isTrue();
            return response.get("result").asText();
        }

        String next() throws InterruptedException {
            String message = messages.poll(60, TimeUnit.SECONDS);
            assertThat(message).as("a message within a minute").isNotNull();
            return message;
        }

        /** The answer to call {@code id}; notifications that come first are kept for later. */
        JsonNode response(int id) throws Exception {
            while (true) {
                JsonNode message = HistoryNode.JSON.readTree(next());
                if (message.has("id") && message.get("id").asInt() == id) {
                    return message;
                }
                pendingResponses.add(message.toString());
            }
        }

        JsonNode notification() throws Exception {
            String text = pendingResponses.isEmpty() ? next() : pendingResponses.remove(0);
            JsonNode message = HistoryNode.JSON.readTree(text);
            assertThat(message.get("method").asText()).isEqualTo("eth_subscription");
            return message;
        }

        void stopReading() {
            paused = true;
        }

        void resumeReading() {
            paused = false;
            socket.request(Long.MAX_VALUE);
        }

        CompletableFuture<Closed> closed() {
            return closed;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            if (!paused) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
