package io.annals.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON-RPC calls a cluster member must answer byte for byte as a single node holding the same
 * chain: every history method, by number and by hash, found and not found, every tag, and
 * eth_getLogs in every filter shape (ranges across range boundaries and into the tip's window,
 * addresses, topics with null positions and alternatives, a block hash, too many results, a range
 * too wide, blocks not held, bounds reversed). The calls are built from the single node's own
 * answers (hashes, transactions, log values), so they name real things.
 */
final class RpcSameAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RpcSameAnswers() {}

    /** One call as method and params text. */
    record Call(String method, String params) {
        @Override
        public String toString() {
            return method + "(" + params + ")";
        }
    }

    static List<Call> calls(NodeProcessLike single, long head, long shardBlocks)
            throws IOException, InterruptedException {
        List<Call> calls = new ArrayList<>();
        for (String simple :
                List.of("eth_blockNumber", "eth_syncing", "eth_chainId", "net_version")) {
            calls.add(new Call(simple, ""));
        }
        List<Long> numbers = new ArrayList<>();
        for (long n = 0; n <= head; n += 397) {
            numbers.add(n);
        }
        for (long boundary = shardBlocks; boundary <= head; boundary += shardBlocks * 3) {
            numbers.add(boundary - 1);
            numbers.add(boundary);
        }
        numbers.addAll(List.of(head - 64, head - 63, head - 1, head, head + 1, head + 500));
        for (String tag : List.of("latest", "earliest", "safe", "finalized", "pending")) {
            calls.add(new Call("eth_getBlockByNumber", "\"" + tag + "\", false"));
        }
        List<String> logAddresses = new ArrayList<>();
        List<String> logTopics = new ArrayList<>();
        for (long n : numbers) {
            String q = quantity(n);
            calls.add(new Call("eth_getBlockByNumber", "\"" + q + "\", false"));
            calls.add(new Call("eth_getBlockByNumber", "\"" + q + "\", true"));
            calls.add(new Call("eth_getBlockTransactionCountByNumber", "\"" + q + "\""));
            calls.add(
                    new Call("eth_getTransactionByBlockNumberAndIndex", "\"" + q + "\", \"0x0\""));
            calls.add(new Call("eth_getBlockReceipts", "\"" + q + "\""));
            JsonNode block =
                    JSON.readTree(single.call("eth_getBlockByNumber", "\"" + q + "\", false"))
                            .path("result");
            if (block.isNull() || block.isMissingNode()) {
                continue;
            }
            String hash = block.path("hash").asText();
            calls.add(new Call("eth_getBlockByHash", "\"" + hash + "\", true"));
            calls.add(new Call("eth_getBlockTransactionCountByHash", "\"" + hash + "\""));
            calls.add(
                    new Call("eth_getTransactionByBlockHashAndIndex", "\"" + hash + "\", \"0x1\""));
            calls.add(new Call("eth_getBlockReceipts", "\"" + hash + "\""));
            calls.add(new Call("eth_getLogs", "{\"blockHash\":\"" + hash + "\"}"));
            for (JsonNode tx : block.path("transactions")) {
                calls.add(new Call("eth_getTransactionByHash", "\"" + tx.asText() + "\""));
                calls.add(new Call("eth_getTransactionReceipt", "\"" + tx.asText() + "\""));
            }
            JsonNode receipts =
                    JSON.readTree(single.call("eth_getBlockReceipts", "\"" + q + "\""))
                            .path("result");
            for (JsonNode receipt : receipts) {
                for (JsonNode log : receipt.path("logs")) {
                    if (logAddresses.size() < 6) {
                        logAddresses.add(log.path("address").asText());
                    }
                    if (logTopics.size() < 6 && log.path("topics").size() > 1) {
                        logTopics.add(log.path("topics").get(1).asText());
                    }
                }
            }
        }
        String zero = "0x" + "00".repeat(32);
        calls.add(new Call("eth_getBlockByHash", "\"" + zero + "\", false"));
        calls.add(new Call("eth_getTransactionByHash", "\"" + zero + "\""));
        calls.add(new Call("eth_getTransactionReceipt", "\"" + zero + "\""));
        calls.add(new Call("eth_getLogs", "{\"blockHash\":\"" + zero + "\"}"));

        long b = shardBlocks;
        List<String> ranges =
                List.of(
                        range(0, head),
                        range(b - 30, b + 30),
                        range(2 * b - 1, 4 * b + 7),
                        range(head - 80, head),
                        range(head - 10, head + 100),
                        range(head + 1, head + 5),
                        range(200, 100),
                        range(0, 200_000),
                        "\"fromBlock\":\"earliest\",\"toBlock\":\"0x20\"",
                        "\"fromBlock\":\"" + quantity(head - 20) + "\",\"toBlock\":\"latest\"",
                        "\"fromBlock\":\"pending\"");
        for (String range : ranges) {
            calls.add(new Call("eth_getLogs", "{" + range + "}"));
            for (String address : logAddresses) {
                calls.add(
                        new Call("eth_getLogs", "{" + range + ",\"address\":\"" + address + "\"}"));
            }
            if (logAddresses.size() >= 2) {
                calls.add(
                        new Call(
                                "eth_getLogs",
                                "{"
                                        + range
                                        + ",\"address\":[\""
                                        + logAddresses.get(0)
                                        + "\",\""
                                        + logAddresses.get(1)
                                        + "\"]}"));
            }
            for (String topic : logTopics) {
                calls.add(
                        new Call(
                                "eth_getLogs",
                                "{" + range + ",\"topics\":[null,\"" + topic + "\"]}"));
            }
            if (logTopics.size() >= 2) {
                calls.add(
                        new Call(
                                "eth_getLogs",
                                "{"
                                        + range
                                        + ",\"topics\":[[],[\""
                                        + logTopics.get(0)
                                        + "\",\""
                                        + logTopics.get(1)
                                        + "\"]]}"));
            }
        }
        return calls;
    }

    /** Where the calls go: a cluster member's or the single node's JSON-RPC. */
    @FunctionalInterface
    interface NodeProcessLike {
        String call(String method, String params) throws IOException, InterruptedException;
    }

    /** The calls whose answers differ, with both answers (empty: every answer equal). */
    static List<String> differences(
            List<Call> calls, NodeProcessLike single, NodeProcessLike member)
            throws IOException, InterruptedException {
        List<String> diffs = new ArrayList<>();
        for (Call call : calls) {
            String expected = single.call(call.method(), call.params());
            String actual = member.call(call.method(), call.params());
            for (int asked = 1; asked < RETRYABLE_ASKS && isRetryable(actual); asked++) {
                // the error's own contract ("retry later", data.retry): a host that did not
                // answer within the read timeout on these two loaded cores, or a range in handover
                Thread.sleep(RETRY_AFTER_MS);
                actual = member.call(call.method(), call.params());
            }
            if (!expected.equals(actual)) {
                diffs.add(
                        call
                                + "\n  single:  "
                                + abbreviated(expected)
                                + "\n  cluster: "
                                + abbreviated(actual));
            }
        }
        return diffs;
    }

    /** Asks of one call whose answer is a temporary error, as an indexer would retry it. */
    private static final int RETRYABLE_ASKS = 3;

    private static final long RETRY_AFTER_MS = 1_000;

    private static boolean isRetryable(String answer) {
        return answer.contains("\"error\"") && answer.contains("\"retry\":true");
    }

    private static String abbreviated(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    private static String range(long from, long to) {
        return "\"fromBlock\":\"" + quantity(from) + "\",\"toBlock\":\"" + quantity(to) + "\"";
    }

    static String quantity(long n) {
        return "0x" + Long.toHexString(n);
    }
}
