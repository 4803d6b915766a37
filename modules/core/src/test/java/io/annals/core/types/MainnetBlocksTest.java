package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.rlp.RlpReader;
import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real mainnet blocks of every era (see {@link MainnetBlocks} for the public source): everything
 * the header commits to is recomputed from the raw body and receipts and must match.
 */
class MainnetBlocksTest {

    static Stream<MainnetBlock> blocks() {
        return MainnetBlocks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void headerHashesToTheKnownBlockHashAndReencodesExactly(MainnetBlock block) {
        BlockHeader header = block.header();
        assertThat(header.number()).isEqualTo(block.number());
        assertThat(header.encoding()).isEqualTo(block.headerRlp());
        assertThat(header.toBuilder().build().encoding()).isEqualTo(block.headerRlp());
        if (block.knownHash() != null) {
            assertThat(header.hash()).isEqualTo(block.knownHash());
        }
    }

    @Test
    void headerLayoutsFollowTheForks() {
        assertThat(MainnetBlocks.FRONTIER.header().format()).isEqualTo(HeaderFormat.FRONTIER);
        assertThat(MainnetBlocks.BYZANTIUM.header().format()).isEqualTo(HeaderFormat.FRONTIER);
        assertThat(MainnetBlocks.LONDON.header().format()).isEqualTo(HeaderFormat.LONDON);
        assertThat(MainnetBlocks.SHANGHAI.header().format()).isEqualTo(HeaderFormat.SHANGHAI);
        assertThat(MainnetBlocks.CANCUN.header().format()).isEqualTo(HeaderFormat.CANCUN);
        assertThat(MainnetBlocks.PRAGUE.header().format()).isEqualTo(HeaderFormat.PRAGUE);
        assertThat(MainnetBlocks.PRAGUE_SET_CODE.header().format()).isEqualTo(HeaderFormat.PRAGUE);
        assertThat(MainnetBlocks.CANCUN.header().blobGasUsed()).isPresent();
        assertThat(MainnetBlocks.PRAGUE.header().requestsHash()).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void bodyMatchesTheHeaderAndReencodesExactly(MainnetBlock block) {
        BlockHeader header = block.header();
        BlockBody body = block.body();
        assertThat(body.encode()).isEqualTo(block.bodyRlp());
        assertThat(body.transactionsRoot()).isEqualTo(header.transactionsRoot());
        assertThat(body.ommersHash()).isEqualTo(header.ommersHash());
        assertThat(body.withdrawalsRoot()).isEqualTo(header.withdrawalsRoot());
        assertThat(body.mismatchWith(header)).isEmpty();
        assertThat(Transactions.encodeList(body.transactions()))
                .isEqualTo(RlpReader.list(block.bodyRlp()).readRaw());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void everyTransactionDecodesToFieldsThatEncodeBackToItsBytes(MainnetBlock block) {
        for (Transaction tx : block.body().transactions()) {
            TransactionFields fields = tx.fields();
            assertThat(fields.type().code()).isEqualTo(tx.type());
            assertThat(fields.toTransaction().encoding()).isEqualTo(tx.encoding());
            assertThat(fields.chainId())
                    .satisfiesAnyOf(
                            id -> assertThat(id).hasValue(1),
                            id -> assertThat(fields).isInstanceOf(LegacyTransaction.class));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void receiptsMatchTheHeaderWithTheBloomComputedFromTheLogs(MainnetBlock block) {
        BlockHeader header = block.header();
        List<Receipt> receipts = block.receipts();
        assertThat(receipts).hasSameSizeAs(block.body().transactions());
        assertThat(Receipts.root(receipts)).isEqualTo(header.receiptsRoot());
        assertThat(Receipts.mismatchWith(header, receipts)).isEmpty();
        assertThat(Receipts.mismatchWith(header, receipts.subList(0, receipts.size() - 1)))
                .hasValueSatisfying(m -> assertThat(m).contains("receipts root"));

        LogsBloom.Builder fromLogs = new LogsBloom.Builder();
        for (Receipt r : receipts) {
            r.logs().forEach(fromLogs::add);
            assertThat(header.logsBloom().contains(LogsBloom.of(r.logs()))).isTrue();
        }
        assertThat(fromLogs.build()).isEqualTo(header.logsBloom());
        assertThat(receipts.get(receipts.size() - 1).cumulativeGasUsed())
                .isEqualTo(header.gasUsed());
        for (int i = 0; i < receipts.size(); i++) {
            assertThat(receipts.get(i).type()).isEqualTo(block.body().transactions().get(i).type());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void receiptFormsConvertIntoEachOtherAndKeepTheRoot(MainnetBlock block) {
        Hash root = block.header().receiptsRoot();
        List<Receipt> source = block.receipts();

        byte[] eth69 = Receipts.encodeEth69List(source);
        List<Receipt> from69 = Receipts.decodeEth69List(eth69);
        byte[] eth68 = Receipts.encodeEth68List(from69);
        List<Receipt> from68 = Receipts.decodeEth68List(eth68);
        List<Receipt> fromConsensus = new ArrayList<>();
        for (Receipt r : from68) {
            fromConsensus.add(ReceiptCodec.decodeConsensus(r.consensusEncoding()));
        }

        assertThat(from69).isEqualTo(source);
        assertThat(from68).isEqualTo(source);
        assertThat(fromConsensus).isEqualTo(source);
        assertThat(Receipts.encodeEth69List(from68)).isEqualTo(eth69);
        assertThat(Receipts.encodeEth69List(fromConsensus)).isEqualTo(eth69);
        assertThat(Receipts.encodeEth68List(fromConsensus)).isEqualTo(eth68);
        assertThat(Receipts.root(from69)).isEqualTo(root);
        assertThat(Receipts.root(from68)).isEqualTo(root);
        assertThat(Receipts.root(fromConsensus)).isEqualTo(root);
        for (int i = 0; i < source.size(); i++) {
            // a bloom received with the receipt equals the one computed from its logs
            assertThat(from68.get(i).bloom()).isEqualTo(LogsBloom.of(source.get(i).logs()));
        }
        if (block.receiptForm() == MainnetBlock.ReceiptForm.ETH69) {
            assertThat(eth69).isEqualTo(listOf(block.receiptItems()));
        } else {
            for (int i = 0; i < source.size(); i++) {
                assertThat(source.get(i).consensusEncoding())
                        .isEqualTo(block.receiptItems().get(i));
            }
        }
    }

    @Test
    void theFixturesCoverEveryTransactionTypeAndBothLegacySignatureForms() {
        int preEip155 = 0;
        int eip155 = 0;
        boolean[] seen = new boolean[5];
        for (MainnetBlock block : MainnetBlocks.all()) {
            for (Transaction tx : block.body().transactions()) {
                seen[tx.type()] = true;
                if (tx.fields() instanceof LegacyTransaction legacy) {
                    if (legacy.isReplayProtected()) {
                        eip155++;
                    } else {
                        preEip155++;
                    }
                }
            }
        }
        assertThat(seen).containsOnly(true);
        assertThat(preEip155).isGreaterThan(0);
        assertThat(eip155).isGreaterThan(0);
        assertThat(MainnetBlocks.LONDON.body().ommers()).hasSize(1);
        assertThat(MainnetBlocks.SHANGHAI.body().withdrawals())
                .hasValueSatisfying(w -> assertThat(w).hasSize(16));
        assertThat(MainnetBlocks.BYZANTIUM.receipts()).allMatch(Receipt::hasStatus);
        assertThat(MainnetBlocks.FRONTIER.receipts()).noneMatch(Receipt::hasStatus);
    }

    /** Ten consecutive pre-Byzantium blocks: a chain by parent hash, each matching its header. */
    @Test
    void theFrontierRangeIsAChainWhoseBlocksMatchTheirHeaders() {
        List<MainnetBlock> range = MainnetBlocks.FRONTIER_RANGE;
        assertThat(range).hasSize(10);
        for (int i = 0; i < range.size(); i++) {
            MainnetBlock block = range.get(i);
            BlockHeader header = block.header();
            assertThat(header.number()).isEqualTo(1_000_001L + i);
            assertThat(header.hash()).isEqualTo(block.knownHash());
            assertThat(block.body().encode()).isEqualTo(block.bodyRlp());
            assertThat(block.body().mismatchWith(header)).isEmpty();
            assertThat(Receipts.mismatchWith(header, block.receipts())).isEmpty();
            for (Receipt r : block.receipts()) {
                assertThat(r.postStateRoot()).isNotNull();
            }
            if (i > 0) {
                assertThat(header.parentHash()).isEqualTo(range.get(i - 1).knownHash());
            }
        }
        assertThat(range.stream().filter(b -> b.body().transactions().isEmpty()).count())
                .isPositive();
    }

    private static byte[] listOf(List<byte[]> items) {
        return io.annals.core.rlp.Rlp.encodeList(items.toArray(new byte[0][]));
    }
}
