package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.RlpReader;
import io.annals.core.testing.RandomChain;
import io.annals.core.testing.RandomChain.GeneratedBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded random values of every type survive encode → decode → encode unchanged. */
class RoundTripPropertyTest {
    private static final int ITERATIONS = 400;

    @Test
    void headersOfEveryLayoutRoundTrip() {
        RandomChain chain = new RandomChain(101);
        HeaderFormat[] formats = HeaderFormat.values();
        for (int i = 0; i < ITERATIONS; i++) {
            BlockHeader h = chain.header(formats[i % formats.length]);
            BlockHeader decoded = BlockHeader.decode(h.encoding());
            assertThat(decoded.encoding()).isEqualTo(h.encoding());
            assertThat(decoded.toBuilder().build().encoding()).isEqualTo(h.encoding());
            assertThat(decoded.hash()).isEqualTo(Keccak256.hashOf(h.encoding()));
            assertThat(decoded.format()).isEqualTo(formats[i % formats.length]);
        }
    }

    @Test
    void transactionsOfEveryTypeRoundTripThroughFieldsAndTheBodyForm() {
        RandomChain chain = new RandomChain(202);
        TransactionType[] types = TransactionType.values();
        List<Transaction> all = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            TransactionFields fields = chain.transactionFields(types[i % types.length]);
            Transaction tx = fields.toTransaction();
            assertThat(tx.type()).isEqualTo(fields.type().code());
            assertThat(tx.hash()).isEqualTo(Keccak256.hashOf(tx.encoding()));
            Transaction decoded = Transaction.decode(tx.encoding());
            assertThat(decoded.fields()).isEqualTo(fields);
            assertThat(decoded.fields().toTransaction().encoding()).isEqualTo(tx.encoding());
            all.add(tx);
        }
        byte[] bodyList = Transactions.encodeList(all);
        List<Transaction> decoded = Transactions.decodeList(bodyList);
        assertThat(decoded).isEqualTo(all);
        assertThat(Transactions.encodeList(decoded)).isEqualTo(bodyList);
        // a typed transaction is an RLP string in the body list, a legacy one a list
        RlpReader items = RlpReader.list(bodyList);
        for (Transaction tx : all) {
            assertThat(items.nextIsList()).isEqualTo(tx.type() == 0);
            items.skip();
        }
    }

    @Test
    void receiptsRoundTripThroughTheConsensusEth68AndEth69Forms() {
        RandomChain chain = new RandomChain(303);
        List<Receipt> block = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            int type = i % 5;
            Receipt r = chain.receipt(type, chain.random().nextInt(4) == 0);
            assertThat(ReceiptCodec.decodeConsensus(r.consensusEncoding())).isEqualTo(r);
            assertThat(ReceiptCodec.decodeConsensus(r.consensusEncoding()).consensusEncoding())
                    .isEqualTo(r.consensusEncoding());
            block.add(r);
        }
        byte[] eth68 = Receipts.encodeEth68List(block);
        byte[] eth69 = Receipts.encodeEth69List(block);
        assertThat(Receipts.decodeEth68List(eth68)).isEqualTo(block);
        assertThat(Receipts.decodeEth69List(eth69)).isEqualTo(block);
        assertThat(Receipts.encodeEth69List(Receipts.decodeEth68List(eth68))).isEqualTo(eth69);
        assertThat(Receipts.encodeEth68List(Receipts.decodeEth69List(eth69))).isEqualTo(eth68);
        assertThat(Receipts.root(Receipts.decodeEth68List(eth68))).isEqualTo(Receipts.root(block));
        assertThat(Receipts.root(Receipts.decodeEth69List(eth69))).isEqualTo(Receipts.root(block));
    }

    @Test
    void withdrawalsRoundTrip() {
        RandomChain chain = new RandomChain(404);
        for (int i = 0; i < ITERATIONS; i++) {
            Withdrawal w = chain.withdrawal();
            assertThat(Withdrawal.decode(w.encode())).isEqualTo(w);
        }
    }

    @Test
    void generatedBlocksOfEveryLayoutAreSelfConsistentAndRoundTrip() {
        RandomChain chain = new RandomChain(505);
        for (HeaderFormat format : HeaderFormat.values()) {
            List<GeneratedBlock> blocks = chain.chain(6, format, 40);
            for (int i = 0; i < blocks.size(); i++) {
                GeneratedBlock b = blocks.get(i);
                byte[] body = b.body().encode();
                BlockBody decoded = BlockBody.decode(body);
                assertThat(decoded).isEqualTo(b.body());
                assertThat(decoded.encode()).isEqualTo(body);
                assertThat(decoded.mismatchWith(b.header())).isEmpty();
                assertThat(Receipts.root(b.receipts())).isEqualTo(b.header().receiptsRoot());
                assertThat(Receipts.bloom(b.receipts())).isEqualTo(b.header().logsBloom());
                if (i > 0) {
                    assertThat(b.header().parentHash())
                            .isEqualTo(blocks.get(i - 1).header().hash());
                    assertThat(b.header().number())
                            .isEqualTo(blocks.get(i - 1).header().number() + 1);
                }
            }
        }
    }

    @Test
    void aBodyThatDiffersFromItsHeaderIsReported() {
        RandomChain chain = new RandomChain(606);
        GeneratedBlock a = chain.block(null, HeaderFormat.SHANGHAI, 5);
        GeneratedBlock b = chain.block(null, HeaderFormat.SHANGHAI, 5);
        assertThat(b.body().mismatchWith(a.header()))
                .hasValueSatisfying(m -> assertThat(m).contains("transactions root"));
        BlockBody sameTxsOtherWithdrawals =
                BlockBody.of(a.body().transactions(), List.of(), List.of(chain.withdrawal()));
        assertThat(sameTxsOtherWithdrawals.mismatchWith(a.header()))
                .hasValueSatisfying(m -> assertThat(m).contains("withdrawals root"));
        BlockBody noWithdrawals = BlockBody.of(a.body().transactions(), List.of(), null);
        assertThat(noWithdrawals.mismatchWith(a.header()))
                .hasValueSatisfying(m -> assertThat(m).contains("absent"));
    }
}
