package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.rlp.Rlp;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.util.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptCodecTest {
    private static final String ZERO_BLOOM = "00".repeat(256);

    /** Expected bytes written out by hand from the specs, not produced by the code under test. */
    @Test
    void encodesATypedStatusReceiptInAllThreeForms() {
        Receipt r = Receipt.withStatus(2, true, 21_000, List.of());
        // consensus: 0x02 || rlp([1, 21000, bloom, []]); the list payload is 1 + 3 + 259 + 1 = 264
        // bytes
        String consensus = "02" + "f90108" + "01" + "825208" + "b90100" + ZERO_BLOOM + "c0";
        assertThat(Hex.encode(r.consensusEncoding())).isEqualTo(consensus);
        // eth/68: an RLP string holding the 268-byte consensus encoding (1 + 3 + 264)
        RlpWriter w68 = new RlpWriter();
        ReceiptCodec.writeEth68(w68, r);
        assertThat(Hex.encode(w68.toByteArray())).isEqualTo("b9010c" + consensus);
        // eth/69: rlp([2, 1, 21000, []])
        RlpWriter w69 = new RlpWriter();
        ReceiptCodec.writeEth69(w69, r);
        assertThat(Hex.encode(w69.toByteArray())).isEqualTo("c6" + "02" + "01" + "825208" + "c0");
    }

    @Test
    void encodesALegacyFailedReceiptAsAPlainList() {
        Receipt r = Receipt.withStatus(0, false, 0x7f, List.of());
        String consensus = "f90106" + "80" + "7f" + "b90100" + ZERO_BLOOM + "c0";
        assertThat(Hex.encode(r.consensusEncoding())).isEqualTo(consensus);
        RlpWriter w68 = new RlpWriter();
        ReceiptCodec.writeEth68(w68, r);
        assertThat(Hex.encode(w68.toByteArray())).isEqualTo(consensus);
        RlpWriter w69 = new RlpWriter();
        ReceiptCodec.writeEth69(w69, r);
        assertThat(Hex.encode(w69.toByteArray())).isEqualTo("c4" + "80" + "80" + "7f" + "c0");
    }

    @Test
    void preByzantiumReceiptsCarryTheStateRootThroughEveryForm() {
        Hash root = Hash.fromHex("0x" + "ab".repeat(32));
        Log log =
                Log.of(
                        Address.fromHex("0x" + "11".repeat(20)),
                        List.of(Hash.fromHex("0x" + "22".repeat(32))),
                        new byte[] {1, 2, 3});
        Receipt r = Receipt.withPostState(0, root, 1_000_000, List.of(log));
        assertThat(r.hasStatus()).isFalse();
        assertThatThrownBy(r::success).isInstanceOf(IllegalStateException.class);
        assertThat(RlpReader.list(r.consensusEncoding()).readHash()).isEqualTo(root);

        Receipt viaConsensus = ReceiptCodec.decodeConsensus(r.consensusEncoding());
        Receipt via68 = Receipts.decodeEth68List(Receipts.encodeEth68List(List.of(r))).get(0);
        Receipt via69 = Receipts.decodeEth69List(Receipts.encodeEth69List(List.of(r))).get(0);
        for (Receipt decoded : List.of(viaConsensus, via68, via69)) {
            assertThat(decoded).isEqualTo(r);
            assertThat(decoded.postStateRoot()).isEqualTo(root);
            assertThat(decoded.logs()).containsExactly(log);
            assertThat(decoded.bloom().mightContain(log.address())).isTrue();
            assertThat(decoded.bloom().mightContain(log.topics().get(0))).isTrue();
            assertThat(decoded.consensusEncoding()).isEqualTo(r.consensusEncoding());
        }
    }

    /** A received bloom is kept as sent: the receipts root then exposes a wrong one. */
    @Test
    void aWrongReceivedBloomChangesTheRootSoTheHeaderCheckCatchesIt() {
        Receipt honest =
                Receipt.withStatus(
                        0, true, 50_000, List.of(Log.of(Address.ZERO, List.of(), new byte[0])));
        byte[] tampered = honest.consensusEncoding();
        tampered[10] ^= 0x01; // a bit inside the bloom
        Receipt received = ReceiptCodec.decodeConsensus(tampered);
        assertThat(received).isEqualTo(honest);
        assertThat(Receipts.root(List.of(received))).isNotEqualTo(Receipts.root(List.of(honest)));
        Receipt reencoded =
                Receipts.decodeEth69List(Receipts.encodeEth69List(List.of(received))).get(0);
        assertThat(Receipts.root(List.of(reencoded))).isEqualTo(Receipts.root(List.of(honest)));
    }

    /**
     * An eth/69 receipt's consensus encoding copies its logs list as received; it must be the one
     * built from the decoded logs and the one the eth/68 form carries.
     */
    @Test
    void theConsensusEncodingOfAnEth69ReceiptIsTheOneBuiltFromItsLogs() {
        for (MainnetBlock block : MainnetBlocks.all()) {
            List<Receipt> fromEth69 = Receipts.decodeEth69List(block.receiptsEth69());
            List<Receipt> fromEth68 = Receipts.decodeEth68List(block.receiptsEth68());
            for (int i = 0; i < fromEth69.size(); i++) {
                Receipt received = fromEth69.get(i);
                assertThat(received.logsEncoding())
                        .as("block %d receipt %d", block.number(), i)
                        .isNotNull();
                Receipt rebuilt =
                        received.hasStatus()
                                ? Receipt.withStatus(
                                        received.type(),
                                        received.success(),
                                        received.cumulativeGasUsed(),
                                        received.logs())
                                : Receipt.withPostState(
                                        received.type(),
                                        received.postStateRoot(),
                                        received.cumulativeGasUsed(),
                                        received.logs());
                assertThat(ReceiptCodec.encodeConsensus(received))
                        .isEqualTo(ReceiptCodec.encodeConsensus(rebuilt))
                        .isEqualTo(fromEth68.get(i).unsafeConsensusEncoding());
            }
            assertThat(Receipts.root(fromEth69))
                    .isEqualTo(Receipts.root(fromEth68))
                    .isEqualTo(block.header().receiptsRoot());
        }
    }

    @Test
    void rejectsMalformedReceipts() {
        assertRejected(() -> ReceiptCodec.decodeConsensus(Hex.decode("00" + "c0")), "type 0");
        assertRejected(() -> ReceiptCodec.decodeConsensus(Hex.decode("80")), "neither a list");
        assertRejected(() -> ReceiptCodec.decodeConsensus(new byte[0]), "empty");
        // status 2
        assertRejected(
                () -> ReceiptCodec.readEth69(RlpReader.of(Hex.decode("c4800280c0"))),
                "state root or a status");
        // a 2-byte outcome
        assertRejected(
                () -> ReceiptCodec.readEth69(RlpReader.of(Hex.decode("c68082010180c0"))),
                "state root or a status");
        // type 0x80
        assertRejected(
                () -> ReceiptCodec.readEth69(RlpReader.of(Hex.decode("c5818001" + "80c0"))),
                "not 0..0x7f");
        // eth/68: a string that holds a legacy list is not a typed receipt
        byte[] legacy = Receipt.withStatus(0, true, 1, List.of()).consensusEncoding();
        assertRejected(
                () -> ReceiptCodec.readEth68(RlpReader.of(Rlp.encodeBytes(legacy))),
                "typed receipt");
        // a log with five topics
        RlpWriter w = new RlpWriter();
        int list = w.startList();
        w.writeAddress(Address.ZERO);
        int topics = w.startList();
        for (int i = 0; i < 5; i++) {
            w.writeHash(Hash.ZERO);
        }
        w.endList(topics);
        w.writeBytes(new byte[0]);
        w.endList(list);
        assertRejected(() -> Log.read(RlpReader.of(w.toByteArray())), "topics");
        // trailing field
        assertRejected(
                () -> ReceiptCodec.readEth69(RlpReader.of(Hex.decode("c5800180c080"))), "trailing");
    }

    private static void assertRejected(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(RlpException.class).hasMessageContaining(message);
    }
}
