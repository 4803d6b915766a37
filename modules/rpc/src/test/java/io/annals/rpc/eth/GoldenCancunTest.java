package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.store.FullBlock;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancun block 19,433,903 (blob transactions, withdrawals, blob gas fields) rebuilt from its
 * published answers (see {@link PublishedBlocks} and golden/README.md), served over HTTP and
 * compared with those answers value for value; the member order is geth's.
 */
class GoldenCancunTest {
    private static final String NUMBER = "\"0x12889af\"";

    @TempDir static Path dir;
    static HistoryNode node;
    static JsonNode publishedBlock;
    static JsonNode publishedReceipts;

    @BeforeAll
    static void serveTheBlock() {
        publishedBlock = Golden.json("trin-block-19433903.json.gz").get("result");
        publishedReceipts = Golden.json("trin-receipts-19433903.json.gz").get("result");
        FullBlock block = PublishedBlocks.rebuild(publishedBlock, publishedReceipts);
        node = HistoryNode.open(dir, block.number());
        node.write(List.of(block));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void blockHasEveryPublishedValueButTotalDifficulty() {
        JsonNode block = node.result("eth_getBlockByNumber", "[" + NUMBER + ", true]");
        GethShapes.assertBlockShape(block);
        assertThat(block.has("totalDifficulty")).isFalse();
        assertThat(GethShapes.names(block))
                .containsExactlyInAnyOrderElementsOf(
                        GethShapes.names(publishedBlock).stream()
                                .filter(n -> !n.equals("totalDifficulty"))
                                .toList());
        for (String name : GethShapes.names(block)) {
            if (!name.equals("transactions")) {
                assertThat(block.get(name)).as(name).isEqualTo(publishedBlock.get(name));
            }
        }
        JsonNode transactions = block.get("transactions");
        assertThat(transactions).hasSize(172);
        for (int i = 0; i < transactions.size(); i++) {
            assertSameValuesPlusTimestamp(
                    transactions.get(i), publishedBlock.get("transactions").get(i), "tx " + i);
        }
    }

    @Test
    void receiptsHaveEveryPublishedValueIncludingBlobGas() {
        JsonNode receipts = node.result("eth_getBlockReceipts", "[" + NUMBER + "]");
        assertThat(receipts).hasSize(172);
        int blobReceipts = 0;
        for (int i = 0; i < receipts.size(); i++) {
            JsonNode receipt = receipts.get(i);
            GethShapes.assertReceiptShape(receipt);
            JsonNode published = publishedReceipts.get(i);
            assertThat(GethShapes.names(receipt))
                    .containsExactlyInAnyOrderElementsOf(GethShapes.names(published));
            for (String name : GethShapes.names(receipt)) {
                if (!name.equals("logs")) {
                    assertThat(receipt.get(name))
                            .as("receipt " + i + " " + name)
                            .isEqualTo(published.get(name));
                }
            }
            for (int l = 0; l < receipt.get("logs").size(); l++) {
                assertSameValuesPlusTimestamp(
                        receipt.get("logs").get(l),
                        published.get("logs").get(l),
                        "receipt " + i + " log " + l);
            }
            blobReceipts += receipt.has("blobGasPrice") ? 1 : 0;
        }
        assertThat(blobReceipts).isEqualTo(3);
    }

    @Test
    void blobTransactionByHashAndItsReceipt() {
        String hash = "\"0x122aa718349f543ed6671d0c0dafc88b40c834ef4c23b15c3e900173ef1a019f\"";
        JsonNode tx = node.result("eth_getTransactionByHash", "[" + hash + "]");
        assertThat(tx.get("type").asText()).isEqualTo("0x3");
        assertThat(tx.get("maxFeePerBlobGas").asText()).isEqualTo("0x22ecb25c00");
        assertThat(tx.get("gasPrice").asText()).isEqualTo("0xfa9862ff0");
        JsonNode receipt = node.result("eth_getTransactionReceipt", "[" + hash + "]");
        assertThat(receipt.get("blobGasUsed").asText()).isEqualTo("0x20000");
        assertThat(receipt.get("blobGasPrice").asText()).isEqualTo("0x1");
        assertThat(receipt.get("effectiveGasPrice").asText()).isEqualTo("0xfa9862ff0");
    }

    /**
     * Every published member has the same value here; the only extra member is {@code
     * blockTimestamp}.
     */
    private static void assertSameValuesPlusTimestamp(
            JsonNode actual, JsonNode published, String what) {
        for (Iterator<Map.Entry<String, JsonNode>> it = published.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            assertThat(actual.get(field.getKey()))
                    .as(what + " " + field.getKey())
                    .isEqualTo(field.getValue());
        }
        assertThat(actual.get("blockTimestamp").asText())
                .isEqualTo(publishedBlock.get("timestamp").asText());
        assertThat(actual.size()).as(what).isEqualTo(published.size() + 1);
    }
}
