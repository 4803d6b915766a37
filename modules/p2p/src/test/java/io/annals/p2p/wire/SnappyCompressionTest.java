package io.annals.p2p.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnappyCompressionTest {
    private static final int MAX = SnappyCompression.DEFAULT_MAX_UNCOMPRESSED;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 65_535, 65_536, 65_537, 200_000, 1 << 20, 5 << 20})
    void roundTripsAcrossTheSixtyFourKibBoundary(int size) {
        byte[] data = semiCompressible(size, size);
        byte[] compressed = SnappyCompression.compress(data);

        assertThat(SnappyCompression.decompress(compressed, 0, compressed.length, MAX))
                .isEqualTo(data);
        // and an independent decoder agrees with what the library wrote
        assertThat(ReferenceSnappy.decode(compressed)).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(ints = {70_000, 300_000, 2 << 20})
    void decodesBlocksFromAnIndependentEncoder(int size) {
        byte[] data = semiCompressible(size, 3);
        byte[] compressed = ReferenceSnappy.encode(data);

        assertThat(compressed.length).isLessThan(size);
        assertThat(SnappyCompression.decompress(compressed, 0, compressed.length, MAX))
                .isEqualTo(data);
    }

    @Test
    void declaredLengthAboveTheLimitIsRefusedBeforeInflating() {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        ReferenceSnappy.writeVarint(bomb, MAX + 1L);
        bomb.write(0); // a 1-byte literal; the rest would be copies
        bomb.write('x');
        byte[] block = bomb.toByteArray();

        assertThat(SnappyCompression.declaredLength(block, 0, block.length)).isEqualTo(MAX + 1L);
        assertThatThrownBy(() -> SnappyCompression.decompress(block, 0, block.length, MAX))
                .isInstanceOf(MessageException.class)
                .hasMessageContaining("declares " + (MAX + 1));
    }

    @Test
    void aFewBytesDeclaringMegabytesAreRefusedBeforeAnythingIsAllocated() {
        // found by P2pMessageFuzzTest: 5 bytes declaring 4 MiB made the decoder allocate 4 MiB
        byte[] block = {(byte) 0xfa, (byte) 0xfe, (byte) 0xfe, 0x01, (byte) 0xfd};
        long declared = SnappyCompression.declaredLength(block, 0, block.length);
        assertThat(declared).isBetween(1L << 20, (long) MAX);

        assertThatThrownBy(() -> SnappyCompression.decompress(block, 0, block.length, MAX))
                .isInstanceOf(MessageException.class)
                .hasMessageContaining("more than it can inflate to");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64, 1000, 65_536, 1 << 20, 16 << 20})
    void theBestCompressedBlocksStayWithinTheInflationBound(int size) {
        // zeros compress best: nearly every element is a 64-byte copy
        byte[] zeros = new byte[size];
        byte[] compressed = SnappyCompression.compress(zeros);
        byte[] reference = ReferenceSnappy.encode(zeros);

        assertThat((long) size)
                .isLessThanOrEqualTo(SnappyCompression.maxInflatedLength(compressed.length))
                .isLessThanOrEqualTo(SnappyCompression.maxInflatedLength(reference.length));
        assertThat(SnappyCompression.decompress(compressed, 0, compressed.length, MAX))
                .isEqualTo(zeros);
    }

    @Test
    void corruptBlockIsABreachOfProtocol() {
        byte[] compressed = SnappyCompression.compress(semiCompressible(10_000, 1));
        byte[] truncated = java.util.Arrays.copyOf(compressed, compressed.length / 2);

        assertThatThrownBy(() -> SnappyCompression.decompress(truncated, 0, truncated.length, MAX))
                .isInstanceOf(MessageException.class)
                .satisfies(
                        e ->
                                assertThat(((MessageException) e).reason())
                                        .isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL));
    }

    @Test
    void overlongLengthHeaderIsRefused() {
        byte[] header = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1};

        assertThatThrownBy(() -> SnappyCompression.declaredLength(header, 0, header.length))
                .isInstanceOf(MessageException.class);
        assertThatThrownBy(() -> SnappyCompression.declaredLength(new byte[] {(byte) 0x80}, 0, 1))
                .isInstanceOf(MessageException.class)
                .hasMessageContaining("truncated");
    }

    /**
     * Random 1 KiB blocks, each repeated with a few changed bytes: compressible, with long-range
     * matches.
     */
    static byte[] semiCompressible(int size, long seed) {
        Random random = new Random(seed);
        byte[] block = new byte[1024];
        random.nextBytes(block);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            if (i % 1024 == 0) {
                block[random.nextInt(block.length)] ^= (byte) (1 + random.nextInt(255));
            }
            data[i] = block[i % 1024];
        }
        return data;
    }
}
