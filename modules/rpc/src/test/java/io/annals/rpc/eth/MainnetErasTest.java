package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionFields;
import io.annals.store.FullBlock;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every era of the core's real mainnet blocks (Frontier to Prague) served over HTTP, with
 * expectations worked out from the blocks' raw data and the specs, not from the code under test:
 * which fork fields appear, pre-Byzantium {@code root} receipts, EIP-155 chain ids, withdrawals,
 * blob gas (EIP-4844's formula written out here), EIP-7702 authorizations, the block size as the
 * length of the block's RLP built here, and effective gas prices (EIP-1559).
 */
class MainnetErasTest {
    @TempDir static Path dir;
    static HistoryNode node;

    @BeforeAll
    static void serveAllEras() {
        node = HistoryNode.open(dir, MainnetBlocks.FRONTIER_RANGE.get(0).number());
        List<FullBlock> blocks = new ArrayList<>();
        MainnetBlocks.FRONTIER_RANGE.forEach(b -> blocks.add(HistoryNode.full(b)));
        for (MainnetBlock b : MainnetBlocks.all()) {
            if (b != MainnetBlocks.FRONTIER) {
                blocks.add(HistoryNode.full(b));
            }
        }
        node.write(blocks);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void everyEraHasExactlyItsForksFieldsAndGethsOrder() {
        List<String> frontierFields =
                List.of(
                        "difficulty",
                        "extraData",
                        "gasLimit",
                        "gasUsed",
                        "hash",
                        "logsBloom",
                        "miner",
                        "mixHash",
                        "nonce",
                        "number",
                        "parentHash",
                        "receiptsRoot",
                        "sha3Uncles",
                        "size",
                        "stateRoot",
                        "timestamp",
                        "transactions",
                        "transactionsRoot",
                        "uncles");
        assertFields(MainnetBlocks.FRONTIER, frontierFields);
        assertFields(MainnetBlocks.BYZANTIUM, frontierFields);
        assertFields(MainnetBlocks.LONDON, plus(frontierFields, "baseFeePerGas"));
        assertFields(
                MainnetBlocks.SHANGHAI,
                plus(frontierFields, "baseFeePerGas", "withdrawals", "withdrawalsRoot"));
        List<String> cancun =
                plus(
                        frontierFields,
                        "baseFeePerGas",
                        "withdrawals",
                        "withdrawalsRoot",
                        "blobGasUsed",
                        "excessBlobGas",
                        "parentBeaconBlockRoot");
        assertFields(MainnetBlocks.CANCUN, cancun);
        assertFields(MainnetBlocks.PRAGUE, plus(cancun, "requestsHash"));
        assertFields(MainnetBlocks.PRAGUE_SET_CODE, plus(cancun, "requestsHash"));
    }

    @Test
    void headerValuesAndSizeAreTheRawBlocks() {
        for (MainnetBlock fixture : MainnetBlocks.all()) {
            BlockHeader h = fixture.header();
            JsonNode block = block(fixture, false);
            assertThat(block.get("number").asText())
                    .isEqualTo("0x" + Long.toHexString(fixture.number()));
            assertThat(block.get("hash").asText()).isEqualTo(h.hash().toHex());
            assertThat(block.get("gasUsed").asText())
                    .isEqualTo("0x" + Long.toHexString(h.gasUsed()));
            assertThat(block.get("nonce").asText())
                    .hasSize(18)
                    .isEqualTo(String.format("0x%016x", h.nonce()));
            if (fixture.knownHash() != null) {
                assertThat(block.get("hash").asText()).isEqualTo(fixture.knownHash().toHex());
            }
            assertThat(block.get("size").asText())
                    .as(fixture.toString())
                    .isEqualTo("0x" + Integer.toHexString(blockRlpLength(fixture)));
            assertThat(block.get("transactions")).hasSize(fixture.body().transactions().size());
            assertThat(block.get("uncles")).hasSize(fixture.body().ommers().size());
        }
    }

    @Test
    void frontierReceiptsCarryTheirPostStateRootAndNoStatus() {
        JsonNode receipts = node.result("eth_getBlockReceipts", "[\"0xf424a\"]");
        assertThat(receipts).hasSize(11);
        for (int i = 0; i < receipts.size(); i++) {
            JsonNode receipt = receipts.get(i);
            GethShapes.assertReceiptShape(receipt);
            assertThat(receipt.has("status")).isFalse();
            assertThat(receipt.get("root").asText())
                    .isEqualTo(MainnetBlocks.FRONTIER.receipts().get(i).postStateRoot().toHex());
        }
        JsonNode tx = block(MainnetBlocks.FRONTIER, true).get("transactions").get(0);
        assertThat(tx.has("chainId")).isFalse();
        assertThat(tx.has("yParity")).isFalse();
        assertThat(tx.get("v").asText()).isIn("0x1b", "0x1c");
        assertThat(receipts.get(0).get("effectiveGasPrice")).isEqualTo(tx.get("gasPrice"));
    }

    @Test
    void legacyTransactionsNameTheirChainIdOnlyWithEip155() {
        JsonNode txs = block(MainnetBlocks.BYZANTIUM, true).get("transactions");
        int withChainId = 0;
        for (JsonNode tx : txs) {
            GethShapes.assertTransactionShape(tx);
            BigInteger v = new BigInteger(tx.get("v").asText().substring(2), 16);
            if (v.intValue() >= 35) {
                withChainId++;
                assertThat(tx.get("chainId").asText()).isEqualTo("0x1");
                assertThat(v.intValue()).isIn(37, 38);
            } else {
                assertThat(tx.has("chainId")).isFalse();
            }
        }
        assertThat(withChainId).isEqualTo(38 - 26);
    }

    @Test
    void shanghaiWithdrawalsAreListedWithGweiAmounts() {
        JsonNode withdrawals = block(MainnetBlocks.SHANGHAI, false).get("withdrawals");
        List<io.annals.core.types.Withdrawal> raw =
                MainnetBlocks.SHANGHAI.body().withdrawals().orElseThrow();
        assertThat(withdrawals).hasSize(16);
        for (int i = 0; i < 16; i++) {
            JsonNode w = withdrawals.get(i);
            assertThat(GethShapes.names(w))
                    .containsExactly("index", "validatorIndex", "address", "amount");
            assertThat(w.get("amount").asText())
                    .isEqualTo("0x" + Long.toHexString(raw.get(i).amountGwei()));
            assertThat(w.get("address").asText()).isEqualTo(raw.get(i).address().toHex());
        }
    }

    @Test
    void blobReceiptsCarryBlobGasAtTheForksBlobBaseFee() {
        assertBlobReceipts(MainnetBlocks.CANCUN, 3_338_477);
        assertBlobReceipts(MainnetBlocks.PRAGUE, 5_007_716);
        assertBlobReceipts(MainnetBlocks.PRAGUE_SET_CODE, 5_007_716);
    }

    @Test
    void setCodeTransactionsListTheirAuthorizations() {
        JsonNode txs = block(MainnetBlocks.PRAGUE_SET_CODE, true).get("transactions");
        int setCode = 0;
        for (JsonNode tx : txs) {
            GethShapes.assertTransactionShape(tx);
            if (tx.get("type").asText().equals("0x4")) {
                setCode++;
                JsonNode authorizations = tx.get("authorizationList");
                assertThat(authorizations.size()).isPositive();
                for (JsonNode a : authorizations) {
                    assertThat(GethShapes.names(a))
                            .containsExactly("chainId", "address", "nonce", "yParity", "r", "s");
                }
            } else {
                assertThat(tx.has("authorizationList")).isFalse();
            }
        }
        assertThat(setCode).isEqualTo(2);
    }

    @Test
    void aCreationsReceiptNamesTheDeployedContractAndNoRecipient() {
        JsonNode receipts = node.result("eth_getBlockReceipts", "[\"0x15cf776\"]");
        int creations = 0;
        for (int i = 0; i < receipts.size(); i++) {
            Transaction tx = MainnetBlocks.PRAGUE_SET_CODE.body().transactions().get(i);
            JsonNode receipt = receipts.get(i);
            if (tx.fields().to() == null) {
                creations++;
                assertThat(receipt.get("to").isNull()).isTrue();
                assertThat(receipt.get("contractAddress").asText()).matches("0x[0-9a-f]{40}");
            } else {
                assertThat(receipt.get("contractAddress").isNull()).isTrue();
                assertThat(receipt.get("to").asText()).isEqualTo(tx.fields().to().toHex());
            }
        }
        assertThat(creations).isEqualTo(1);
    }

    @Test
    void feeMarketTransactionsReportThePricePaid() {
        for (MainnetBlock fixture :
                List.of(
                        MainnetBlocks.LONDON,
                        MainnetBlocks.CANCUN,
                        MainnetBlocks.PRAGUE_SET_CODE)) {
            BigInteger baseFee = fixture.header().baseFeePerGas().orElseThrow();
            JsonNode txs = block(fixture, true).get("transactions");
            JsonNode receipts =
                    node.result(
                            "eth_getBlockReceipts",
                            "[\"0x" + Long.toHexString(fixture.number()) + "\"]");
            for (int i = 0; i < txs.size(); i++) {
                TransactionFields f = fixture.body().transactions().get(i).fields();
                BigInteger expected =
                        f.type().code() < 2
                                ? f.maxFeePerGas()
                                : f.maxPriorityFeePerGas().add(baseFee).min(f.maxFeePerGas());
                assertThat(txs.get(i).get("gasPrice").asText())
                        .isEqualTo("0x" + expected.toString(16));
                assertThat(receipts.get(i).get("effectiveGasPrice").asText())
                        .isEqualTo("0x" + expected.toString(16));
            }
        }
    }

    private static void assertBlobReceipts(MainnetBlock fixture, long updateFraction) {
        long excess = fixture.header().excessBlobGas().orElseThrow();
        String blobBaseFee = "0x" + eip4844FakeExponential(excess, updateFraction).toString(16);
        JsonNode receipts =
                node.result(
                        "eth_getBlockReceipts",
                        "[\"0x" + Long.toHexString(fixture.number()) + "\"]");
        int blobs = 0;
        for (int i = 0; i < receipts.size(); i++) {
            Transaction tx = fixture.body().transactions().get(i);
            JsonNode receipt = receipts.get(i);
            if (tx.type() == 3) {
                blobs++;
                int count =
                        ((io.annals.core.types.BlobTransaction) tx.fields())
                                .blobVersionedHashes()
                                .size();
                assertThat(receipt.get("blobGasUsed").asText())
                        .isEqualTo("0x" + Integer.toHexString(count << 17));
                assertThat(receipt.get("blobGasPrice").asText()).isEqualTo(blobBaseFee);
            } else {
                assertThat(receipt.has("blobGasUsed")).isFalse();
                assertThat(receipt.has("blobGasPrice")).isFalse();
            }
        }
        assertThat(blobs).as(fixture.toString()).isPositive();
    }

    /**
     * EIP-4844's fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS = 1, excess, fraction), from the EIP's
     * pseudocode.
     */
    private static BigInteger eip4844FakeExponential(long excess, long fraction) {
        BigInteger numerator = BigInteger.valueOf(excess);
        BigInteger denominator = BigInteger.valueOf(fraction);
        BigInteger output = BigInteger.ZERO;
        BigInteger accumulator = denominator;
        int i = 1;
        while (accumulator.signum() > 0) {
            output = output.add(accumulator);
            accumulator =
                    accumulator
                            .multiply(numerator)
                            .divide(denominator.multiply(BigInteger.valueOf(i)));
            i++;
        }
        return output.divide(denominator);
    }

    /**
     * The block's RLP {@code [header, transactions, ommers(, withdrawals)]} built here, measured.
     */
    private static int blockRlpLength(MainnetBlock fixture) {
        RlpWriter w = new RlpWriter();
        int mark = w.startList();
        w.writeRaw(fixture.headerRlp());
        RlpReader body = RlpReader.list(fixture.bodyRlp());
        while (body.hasNext()) {
            w.writeRaw(body.readRaw());
        }
        w.endList(mark);
        return w.toByteArray().length;
    }

    private static JsonNode block(MainnetBlock fixture, boolean full) {
        JsonNode block =
                node.result(
                        "eth_getBlockByNumber",
                        "[\"0x" + Long.toHexString(fixture.number()) + "\", " + full + "]");
        GethShapes.assertBlockShape(block);
        return block;
    }

    private static void assertFields(MainnetBlock fixture, List<String> expected) {
        assertThat(GethShapes.names(block(fixture, false)))
                .as(fixture.toString())
                .containsExactlyElementsOf(expected.stream().sorted().toList());
    }

    private static List<String> plus(List<String> fields, String... more) {
        List<String> out = new ArrayList<>(fields);
        out.addAll(List.of(more));
        return out;
    }
}
