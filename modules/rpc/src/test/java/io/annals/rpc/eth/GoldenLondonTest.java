package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annals.core.testing.MainnetBlocks;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * London block 14,764,013 (the core fixture) served over HTTP and compared with what geth nodes
 * answered for it, as published in ethereum/trin and ethereum/eth-portal (see golden/README.md).
 * The block answer must match byte for byte in geth's member order, except for the transactions'
 * {@code blockTimestamp}, which geth added after the answer was recorded; receipts match field by
 * field, logs with their {@code blockTimestamp} added the same way.
 */
class GoldenLondonTest {
    private static final String NUMBER = "\"0xe147ed\"";
    private static final String HASH =
            "\"0x720704f3aa11c53cf344ea069db95cecb81ad7453c8f276b2a1062979611f09c\"";
    private static final String TIMESTAMP = "0x627d9afa";

    @TempDir static Path dir;
    static HistoryNode node;

    @BeforeAll
    static void serveTheBlock() {
        node = HistoryNode.open(dir, MainnetBlocks.LONDON.number());
        node.write(List.of(HistoryNode.full(MainnetBlocks.LONDON)));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void fullBlockIsGethsAnswerPlusTheTransactionsTimestamps() {
        JsonNode published = Golden.json("trin-block-14764013.json.gz").get("result");
        ObjectNode expected = published.deepCopy();
        ArrayNode transactions = JsonNodeFactory.instance.arrayNode();
        for (JsonNode tx : published.get("transactions")) {
            transactions.add(
                    Golden.insertAfter(tx, "blockNumber", "blockTimestamp", text(TIMESTAMP)));
        }
        expected.set("transactions", transactions);

        JsonNode byNumber = node.result("eth_getBlockByNumber", "[" + NUMBER + ", true]");
        assertThat(byNumber.toString()).isEqualTo(expected.toString());
        assertThat(byNumber.get("size").asText()).isEqualTo("0x1f96");
        assertThat(node.result("eth_getBlockByHash", "[" + HASH + ", true]").toString())
                .isEqualTo(expected.toString());
    }

    @Test
    void blockWithHashesListsTheTransactionHashesInOrder() {
        JsonNode published = Golden.json("trin-block-14764013.json.gz").get("result");
        ObjectNode expected = published.deepCopy();
        ArrayNode hashes = JsonNodeFactory.instance.arrayNode();
        published.get("transactions").forEach(tx -> hashes.add(tx.get("hash")));
        expected.set("transactions", hashes);
        assertThat(node.result("eth_getBlockByNumber", "[" + NUMBER + ", false]").toString())
                .isEqualTo(expected.toString());
        assertThat(node.result("eth_getBlockByHash", "[" + HASH + ", false]").toString())
                .isEqualTo(expected.toString());
    }

    @Test
    void eachTransactionByHashAndByPositionIsTheBlocksTransactionObject() {
        JsonNode block = node.result("eth_getBlockByNumber", "[" + NUMBER + ", true]");
        int index = 0;
        for (JsonNode tx : block.get("transactions")) {
            String hash = "\"" + tx.get("hash").asText() + "\"";
            String position = "\"0x" + Integer.toHexString(index++) + "\"";
            assertThat(node.result("eth_getTransactionByHash", "[" + hash + "]")).isEqualTo(tx);
            assertThat(
                            node.result(
                                    "eth_getTransactionByBlockNumberAndIndex",
                                    "[" + NUMBER + ", " + position + "]"))
                    .isEqualTo(tx);
            assertThat(
                            node.result(
                                    "eth_getTransactionByBlockHashAndIndex",
                                    "[" + HASH + ", " + position + "]"))
                    .isEqualTo(tx);
        }
        assertThat(node.result("eth_getBlockTransactionCountByNumber", "[" + NUMBER + "]").asText())
                .isEqualTo("0x13");
        assertThat(node.result("eth_getBlockTransactionCountByHash", "[" + HASH + "]").asText())
                .isEqualTo("0x13");
    }

    @Test
    void receiptsMatchTheRawGethAnswersExactly() {
        for (JsonNode published : Golden.json("trin-receipts-14764013.json")) {
            ObjectNode expected = published.deepCopy();
            ArrayNode logs = JsonNodeFactory.instance.arrayNode();
            for (JsonNode log : published.get("logs")) {
                logs.add(Golden.insertAfter(log, "blockHash", "blockTimestamp", text(TIMESTAMP)));
            }
            expected.set("logs", logs);
            String hash = "\"" + published.get("transactionHash").asText() + "\"";
            assertThat(node.result("eth_getTransactionReceipt", "[" + hash + "]").toString())
                    .isEqualTo(expected.toString());
        }
    }

    @Test
    void allNineteenReceiptsMatchWeb3pysPrintout() {
        ArrayNode published = Golden.web3pyReceipts("eth-portal-receipts-14764013.txt.gz");
        JsonNode receipts = node.result("eth_getBlockReceipts", "[" + NUMBER + "]");
        assertThat(receipts).hasSize(19);
        assertThat(published).hasSize(19);
        for (int i = 0; i < 19; i++) {
            assertSameFields(receipts.get(i), published.get(i));
            String hash = "\"" + receipts.get(i).get("transactionHash").asText() + "\"";
            assertThat(node.result("eth_getTransactionReceipt", "[" + hash + "]"))
                    .isEqualTo(receipts.get(i));
        }
        assertThat(node.result("eth_getBlockReceipts", "[" + HASH + "]")).isEqualTo(receipts);
        assertThat(node.result("eth_getBlockReceipts", "[{\"blockHash\": " + HASH + "}]"))
                .isEqualTo(receipts);
    }

    @Test
    void logsOfTheBlockAreTheReceiptsLogs() {
        JsonNode receipts = node.result("eth_getBlockReceipts", "[" + NUMBER + "]");
        ArrayNode expected = JsonNodeFactory.instance.arrayNode();
        receipts.forEach(r -> r.get("logs").forEach(expected::add));
        assertThat(
                        node.result(
                                "eth_getLogs",
                                "[{\"fromBlock\": " + NUMBER + ", \"toBlock\": " + NUMBER + "}]"))
                .isEqualTo(expected);
        assertThat(node.result("eth_getLogs", "[{\"blockHash\": " + HASH + "}]"))
                .isEqualTo(expected);
        assertThat(expected).hasSize(receipts.findValues("logIndex").size());
    }

    /**
     * Every member web3.py printed has the same value here, and nothing else is here but the logs'
     * {@code blockTimestamp}, which geth added later.
     */
    private static void assertSameFields(JsonNode actual, JsonNode expected) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = actual.get(field.getKey());
            assertThat(value).as(field.getKey()).isNotNull();
            if (field.getValue().isArray()) {
                assertThat(value).hasSize(field.getValue().size());
                for (int i = 0; i < value.size(); i++) {
                    if (field.getValue().get(i).isObject()) {
                        assertSameFields(value.get(i), field.getValue().get(i));
                    } else {
                        assertThat(value.get(i))
                                .as(field.getKey())
                                .isEqualTo(field.getValue().get(i));
                    }
                }
            } else {
                assertThat(value).as(field.getKey()).isEqualTo(field.getValue());
            }
        }
        int added = actual.has("logIndex") ? 1 : 0;
        assertThat(actual.size()).isEqualTo(expected.size() + added);
        if (added == 1) {
            assertThat(actual.get("blockTimestamp").asText()).isEqualTo(TIMESTAMP);
        }
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }
}
