package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.testing.RandomChain;
import io.annals.core.util.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lists of tiny items past the bounds are refused before they become millions of objects. */
class DecodeLimitsTest {

    @Test
    void refusesMoreReceiptsThanABlockCanHold() {
        byte[] tiny = Hex.decode("c4808080c0"); // [0, 0, 0, []]: five bytes per eth/69 receipt
        byte[] atLimit = listOf(tiny, DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        assertThat(Receipts.decodeEth69List(atLimit))
                .hasSize(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        byte[] overLimit = listOf(tiny, DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK + 1);
        assertThatThrownBy(() -> Receipts.decodeEth69List(overLimit))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("receipts in a block");
    }

    @Test
    void refusesMoreTransactionsThanABlockCanHold() {
        byte[] tinyLegacy = Hex.decode("c9808080808080808080");
        byte[] overLimit = listOf(tinyLegacy, DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK + 1);
        assertThatThrownBy(() -> Transactions.decodeList(overLimit))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("transactions");
    }

    @Test
    void refusesLegacyTransactionsWithoutNineFields() {
        assertThatThrownBy(() -> Transaction.decode(Hex.decode("c0")))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("0 fields");
        assertThatThrownBy(() -> Transaction.decode(Hex.decode("ca80808080808080808080")))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("10 fields");
        assertThatThrownBy(() -> Transaction.decode(Hex.decode("00c0")))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("type byte");
        assertThatThrownBy(() -> Transaction.decode(Hex.decode("02c0c0")))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void refusesMoreLogsThanAReceiptCanHold() {
        byte[] tinyLog = Hex.decode("d7" + "94" + "00".repeat(20) + "c0" + "80");
        RlpWriter w = new RlpWriter(tinyLog.length * (DecodeLimits.MAX_LOGS_PER_RECEIPT + 1) + 64);
        int receipt = w.startList();
        w.writeLong(0).writeLong(1).writeLong(0);
        int logs = w.startList();
        for (int i = 0; i <= DecodeLimits.MAX_LOGS_PER_RECEIPT; i++) {
            w.writeRaw(tinyLog);
        }
        w.endList(logs);
        w.endList(receipt);
        byte[] encoded = w.toByteArray();
        assertThatThrownBy(() -> ReceiptCodec.readEth69(io.annals.core.rlp.RlpReader.of(encoded)))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("logs in a receipt");
    }

    @Test
    void refusesMoreOmmersThanConsensusAllows() {
        RandomChain chain = new RandomChain(5);
        BlockHeader ommer = chain.header(HeaderFormat.FRONTIER);
        RlpWriter w = new RlpWriter();
        int body = w.startList();
        w.writeEmptyList();
        int ommers = w.startList();
        for (int i = 0; i < 3; i++) {
            w.writeRaw(ommer.encoding());
        }
        w.endList(ommers);
        w.endList(body);
        byte[] encoded = w.toByteArray();
        assertThatThrownBy(() -> BlockBody.decode(encoded))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("ommers");
        assertThatThrownBy(() -> BlockBody.of(List.of(), List.of(ommer, ommer, ommer), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAbsurdNumbersOfUnknownHeaderFields() {
        BlockHeader h = new RandomChain(6).header(HeaderFormat.AMSTERDAM);
        var builder = h.toBuilder();
        for (int i = 0; i <= DecodeLimits.MAX_UNKNOWN_FIELDS; i++) {
            builder.addUnknownField(new byte[] {1});
        }
        assertThatThrownBy(builder::build)
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("unknown header fields");
    }

    private static byte[] listOf(byte[] item, int count) {
        RlpWriter w = new RlpWriter(item.length * count + 8);
        int mark = w.startList();
        for (int i = 0; i < count; i++) {
            w.writeRaw(item);
        }
        return w.endList(mark).toByteArray();
    }
}
