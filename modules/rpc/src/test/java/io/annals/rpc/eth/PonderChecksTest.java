package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.crypto.Keccak256;
import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.util.Hex;
import io.annals.store.FullBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consistency checks Ponder runs on what an RPC node gives it, for every stored block of the
 * real fixtures and of a generated chain: the block's logsBloom is non-empty iff the block has
 * logs; every log names its block's hash and number; every log's transactionIndex points at the
 * transaction with the log's transactionHash; the bloom built from the logs (yellow paper 4.3.1,
 * written out here) is the header's, and each receipt's is built from its own logs.
 */
class PonderChecksTest {
    private static final String EMPTY_BLOOM = "0x" + "00".repeat(256);

    @TempDir Path dir;

    @Test
    void realBlocksPassPondersChecks() {
        try (HistoryNode node =
                HistoryNode.open(dir, MainnetBlocks.FRONTIER_RANGE.get(0).number())) {
            List<FullBlock> blocks = new ArrayList<>();
            MainnetBlocks.FRONTIER_RANGE.forEach(b -> blocks.add(HistoryNode.full(b)));
            for (MainnetBlock b : MainnetBlocks.all()) {
                if (b != MainnetBlocks.FRONTIER) {
                    blocks.add(HistoryNode.full(b));
                }
            }
            node.write(blocks);
            blocks.forEach(b -> check(node, b.number()));
        }
    }

    @Test
    void generatedBlocksPassPondersChecks() {
        List<FullBlock> chain = TestChains.blocks(31, 1, 120);
        try (HistoryNode node = HistoryNode.open(dir, 1)) {
            node.write(chain);
            chain.forEach(b -> check(node, b.number()));
        }
    }

    private static void check(HistoryNode node, long number) {
        String tag = "\"0x" + Long.toHexString(number) + "\"";
        JsonNode block = node.result("eth_getBlockByNumber", "[" + tag + ", false]");
        JsonNode logs =
                node.result(
                        "eth_getLogs", "[{\"fromBlock\": " + tag + ", \"toBlock\": " + tag + "}]");
        JsonNode receipts = node.result("eth_getBlockReceipts", "[" + tag + "]");
        String what = "block " + number;
        assertThat(block.get("logsBloom").asText().equals(EMPTY_BLOOM))
                .as(what)
                .isEqualTo(logs.isEmpty());
        for (JsonNode log : logs) {
            assertThat(log.get("blockHash")).as(what).isEqualTo(block.get("hash"));
            assertThat(log.get("blockNumber")).as(what).isEqualTo(block.get("number"));
            int index = Integer.parseInt(log.get("transactionIndex").asText().substring(2), 16);
            assertThat(block.get("transactions").get(index))
                    .as(what)
                    .isEqualTo(log.get("transactionHash"));
        }
        assertThat(bloom(logs)).as(what).isEqualTo(block.get("logsBloom").asText());
        List<JsonNode> receiptLogs = new ArrayList<>();
        for (JsonNode receipt : receipts) {
            assertThat(bloom(receipt.get("logs")))
                    .as(what)
                    .isEqualTo(receipt.get("logsBloom").asText());
            receipt.get("logs").forEach(receiptLogs::add);
        }
        assertThat(receiptLogs).as(what).containsExactlyElementsOf(logs);
    }

    /**
     * For each address and topic: bits {@code keccak(v)[i, i+1] mod 2048} for i = 0, 2, 4, set
     * big-endian.
     */
    private static String bloom(JsonNode logs) {
        byte[] bloom = new byte[256];
        for (JsonNode log : logs) {
            add(bloom, Hex.decode(log.get("address").asText()));
            log.get("topics").forEach(t -> add(bloom, Hex.decode(t.asText())));
        }
        return Hex.prefixed(bloom);
    }

    private static void add(byte[] bloom, byte[] value) {
        byte[] hash = Keccak256.hash(value);
        for (int i = 0; i < 6; i += 2) {
            int bit = ((hash[i] & 0xff) << 8 | (hash[i + 1] & 0xff)) & 2047;
            bloom[255 - bit / 8] |= (byte) (1 << (bit % 8));
        }
    }
}
