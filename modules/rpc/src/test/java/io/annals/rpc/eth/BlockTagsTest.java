package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.store.FullBlock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head, the block tags and what a block Annals does not hold answers: null for one not stored
 * (yet), 4444 below the start block, geth's errors for malformed parameters.
 */
class BlockTagsTest {
    private static final long START = 100;

    @TempDir Path dir;

    @Test
    void headIsTheContiguousHeadAndNeverAboveAGap() {
        List<FullBlock> chain = TestChains.blocks(1, START, 70);
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            assertThat(node.result("eth_blockNumber", "[]").asText())
                    .isEqualTo("0x63"); // nothing stored: start - 1
            assertThat(node.result("eth_getBlockByNumber", "[\"latest\", false]").isNull())
                    .isTrue();
            node.write(chain.subList(0, 50));
            node.write(chain.subList(60, 70));
            assertThat(node.result("eth_blockNumber", "[]").asText())
                    .isEqualTo("0x95"); // 149, not 169
            assertThat(number(node, "latest")).isEqualTo(149);
            assertThat(number(node, "pending")).isEqualTo(149);
            assertThat(number(node, "earliest")).isEqualTo(START);
            assertThat(number(node, "safe")).isEqualTo(149 - 32);
            JsonNode finalized = node.error("eth_getBlockByNumber", "[\"finalized\", false]");
            assertThat(finalized.get("code").asInt()).isEqualTo(-32000);
            assertThat(finalized.get("message").asText()).isEqualTo("finalized block not found");

            node.write(chain.subList(50, 60));
            assertThat(node.result("eth_blockNumber", "[]").asText())
                    .isEqualTo("0xa9"); // the gap closed: 169
            assertThat(number(node, "finalized")).isEqualTo(169 - 64);
            node.store.rollbackAbove(160);
            node.api.reorgListener().chainRolledBack(160);
            assertThat(node.result("eth_blockNumber", "[]").asText()).isEqualTo("0xa0");
        }
    }

    @Test
    void blocksNotHeldAnswerNullAndBlocksBelowTheStartAnswer4444() {
        List<FullBlock> chain = TestChains.blocks(2, START, 30);
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            node.write(chain.subList(0, 10));
            node.write(chain.subList(20, 30)); // 110..119 missing
            assertThat(node.result("eth_getBlockByNumber", "[\"0x6e\", true]").isNull())
                    .isTrue(); // 110
            assertThat(node.result("eth_getBlockByNumber", "[\"0x1000\", false]").isNull())
                    .isTrue();
            assertThat(
                            node.result("eth_getBlockByNumber", "[\"0x78\", false]")
                                    .get("number")
                                    .asText())
                    .isEqualTo("0x78"); // 120: stored above the gap, served
            for (String call :
                    List.of(
                            "eth_getBlockByNumber:[\"0x63\", false]",
                            "eth_getBlockReceipts:[\"0x0\"]",
                            "eth_getBlockTransactionCountByNumber:[\"0x63\"]",
                            "eth_getTransactionByBlockNumberAndIndex:[\"0x1\", \"0x0\"]")) {
                String[] parts = call.split(":", 2);
                JsonNode error = node.error(parts[0], parts[1]);
                assertThat(error.get("code").asInt()).as(call).isEqualTo(4444);
                assertThat(error.get("message").asText())
                        .as(call)
                        .isEqualTo("pruned history unavailable");
            }
            String unknown = "\"0x" + "ab".repeat(32) + "\"";
            assertThat(node.result("eth_getBlockByHash", "[" + unknown + ", false]").isNull())
                    .isTrue();
            assertThat(
                            node.result("eth_getBlockTransactionCountByHash", "[" + unknown + "]")
                                    .isNull())
                    .isTrue();
            assertThat(node.result("eth_getTransactionByHash", "[" + unknown + "]").isNull())
                    .isTrue();
            assertThat(node.result("eth_getTransactionReceipt", "[" + unknown + "]").isNull())
                    .isTrue();
            assertThat(node.result("eth_getBlockReceipts", "[" + unknown + "]").isNull()).isTrue();
            assertThat(node.result("eth_getBlockReceipts", "[\"0x6e\"]").isNull()).isTrue();
            assertThat(
                            node.result(
                                            "eth_getTransactionByBlockNumberAndIndex",
                                            "[\"latest\", \"0x3e8\"]")
                                    .isNull())
                    .isTrue();
            assertThat(
                            node.result(
                                            "eth_getTransactionByBlockHashAndIndex",
                                            "[" + unknown + ", \"0x0\"]")
                                    .isNull())
                    .isTrue();
        }
    }

    @Test
    void syncingIsFalseOrGethsCounters() {
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            assertThat(node.result("eth_syncing", "[]").asBoolean(true)).isFalse();
            node.sync.progress = new SyncStatusSource.SyncProgress(100, 0x1234, 0xabcdef);
            assertThat(node.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_syncing\"}"))
                    .isEqualTo(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"currentBlock\":\"0x1234\",\"highestBlock\":\"0xabcdef\","
                                    + "\"startingBlock\":\"0x64\"}}");
        }
    }

    @Test
    void malformedParametersAnswerGethsInvalidArgumentErrors() {
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            assertInvalid(
                    node,
                    "eth_getBlockByNumber",
                    "[\"0x01\", false]",
                    "invalid argument 0: hex number with leading zero digits");
            assertInvalid(
                    node,
                    "eth_getBlockByNumber",
                    "[\"0x1\"]",
                    "missing value for required argument 1");
            assertInvalid(
                    node,
                    "eth_getBlockByNumber",
                    "[\"0x1\", \"yes\"]",
                    "invalid argument 1: cannot unmarshal non-bool into bool");
            assertInvalid(
                    node,
                    "eth_getBlockByNumber",
                    "[\"lastest\", false]",
                    "invalid argument 0: hex string without 0x prefix");
            assertInvalid(
                    node,
                    "eth_getBlockByHash",
                    "[\"0x1234\", false]",
                    "invalid argument 0: hex string has length 4, want 64 for common.Hash");
            assertInvalid(
                    node,
                    "eth_getTransactionByHash",
                    "[]",
                    "missing value for required argument 0");
            assertInvalid(
                    node,
                    "eth_getTransactionByBlockNumberAndIndex",
                    "[\"latest\", \"0x10000000000000000\"]",
                    "invalid argument 1: hex number > 64 bits");
            assertInvalid(
                    node,
                    "eth_getBlockReceipts",
                    "[{\"blockHash\": \"0x00\", \"blockNumber\": \"0x1\"}]",
                    "invalid argument 0: cannot specify both BlockHash and BlockNumber, choose one or the other");
            assertInvalid(node, "eth_blockNumber", "[1]", "too many arguments, want at most 0");
        }
    }

    private static void assertInvalid(
            HistoryNode node, String method, String params, String message) {
        JsonNode error = node.error(method, params);
        assertThat(error.get("code").asInt()).isEqualTo(-32602);
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    private static long number(HistoryNode node, String tag) {
        String hex =
                node.result("eth_getBlockByNumber", "[\"" + tag + "\", false]")
                        .get("number")
                        .asText();
        return Long.parseLong(hex.substring(2), 16);
    }
}
