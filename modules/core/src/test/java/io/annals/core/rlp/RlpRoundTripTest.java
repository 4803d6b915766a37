package io.annals.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.util.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RlpRoundTripTest {

    @Test
    void encodesTheSpecExamples() {
        // examples from the ethereum.org RLP page
        assertThat(Hex.encode(Rlp.encodeBytes("dog".getBytes()))).isEqualTo("83646f67");
        assertThat(
                        Hex.encode(
                                Rlp.encodeList(
                                        Rlp.encodeBytes("cat".getBytes()),
                                        Rlp.encodeBytes("dog".getBytes()))))
                .isEqualTo("c88363617483646f67");
        assertThat(Hex.encode(Rlp.encodeBytes(new byte[0]))).isEqualTo("80");
        assertThat(Hex.encode(Rlp.encodeList())).isEqualTo("c0");
        assertThat(Hex.encode(Rlp.encodeLong(0))).isEqualTo("80");
        assertThat(Hex.encode(Rlp.encodeBytes(new byte[] {0}))).isEqualTo("00");
        assertThat(Hex.encode(Rlp.encodeLong(15))).isEqualTo("0f");
        assertThat(Hex.encode(Rlp.encodeLong(1024))).isEqualTo("820400");
        // the set-theoretic representation of three: [ [], [[]], [ [], [[]] ] ]
        RlpWriter w = new RlpWriter();
        int outer = w.startList();
        w.writeEmptyList();
        int one = w.startList();
        w.writeEmptyList();
        w.endList(one);
        int two = w.startList();
        w.writeEmptyList();
        int inner = w.startList();
        w.writeEmptyList();
        w.endList(inner);
        w.endList(two);
        w.endList(outer);
        assertThat(Hex.encode(w.toByteArray())).isEqualTo("c7c0c1c0c3c0c1c0");
    }

    @Test
    void longStringsAndListsUseTheLongForm() {
        byte[] lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit".getBytes();
        byte[] encoded = Rlp.encodeBytes(lorem);
        assertThat(Hex.encode(encoded, 0, 2)).isEqualTo("b838");
        assertThat(RlpReader.of(encoded).readBytes()).isEqualTo(lorem);

        byte[] list = Rlp.encodeList(encoded);
        assertThat(list[0] & 0xff).isEqualTo(0xf8);
        RlpReader reader = RlpReader.list(list);
        assertThat(reader.readBytes()).isEqualTo(lorem);
        reader.ensureEnd();
    }

    @Test
    void integersRoundTripIncludingUnsigned64BitValues() {
        long[] values = {0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff_ffffL, Long.MAX_VALUE, -1L};
        for (long v : values) {
            assertThat(RlpReader.of(Rlp.encodeLong(v)).readLong()).isEqualTo(v);
        }
        BigInteger big = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        assertThat(RlpReader.of(Rlp.encodeBigInteger(big)).readUInt256()).isEqualTo(big);
    }

    @Test
    void rejectsNonCanonicalForms() {
        assertRejected("8100", "single byte below 0x80");
        assertRejected("817f", "single byte below 0x80");
        assertRejected("b800", "leading zero in length");
        assertRejected("b80102", "long form used for length 1");
        assertRejected("f80180", "long form used for length 1");
    }

    @Test
    void rejectsLeadingZerosInIntegers() {
        assertThatThrownBy(() -> RlpReader.of(Hex.decode("820001")).readLong())
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("leading zero");
        assertThatThrownBy(() -> RlpReader.of(Hex.decode("00")).readLong())
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("leading zero");
    }

    @Test
    void rejectsTruncationAndTrailingBytesNamingTheOffset() {
        assertThatThrownBy(() -> RlpReader.list(Hex.decode("c88363617483646f")))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> RlpReader.list(Hex.decode("c0c0")))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("trailing")
                .hasMessageContaining("offset 1");
    }

    @Test
    void rejectsNestingDeeperThanTheBound() {
        byte[] deep = new byte[10];
        for (int i = 0; i < deep.length; i++) {
            deep[i] = (byte) (0xc0 + deep.length - 1 - i);
        }
        RlpReader reader = RlpReader.of(deep, 5);
        assertThatThrownBy(
                        () -> {
                            RlpReader r = reader;
                            while (true) {
                                r = r.readList();
                            }
                        })
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("nested deeper than 5");
    }

    @Test
    void rejectsRangesOutsideTheArrayIncludingOverflowingOnes() {
        byte[] data = Hex.decode("c0c0c0");
        assertThat(RlpReader.of(data, 1, 2).readRawSlice().offset()).isEqualTo(1);
        assertThatThrownBy(() -> RlpReader.of(data, 2, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> RlpReader.of(data, 2, Integer.MAX_VALUE))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static void assertRejected(String hex, String reason) {
        assertThatThrownBy(
                        () -> {
                            RlpReader r = RlpReader.of(Hex.decode(hex));
                            if (r.nextIsList()) {
                                r.readList();
                            } else {
                                r.readBytes();
                            }
                        })
                .isInstanceOf(RlpException.class)
                .hasMessageContaining(reason);
    }
}
