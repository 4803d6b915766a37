package io.annals.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX = 16 * 1024 * 1024;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 1024, 65_537, 1 << 20})
    void framesRoundTripInBothDirections(int size) {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        EgressFramer aOut = new EgressFramer(run.initiator(), MAX);
        IngressFramer bIn = new IngressFramer(run.recipient(), MAX);
        EgressFramer bOut = new EgressFramer(run.recipient(), MAX);
        IngressFramer aIn = new IngressFramer(run.initiator(), MAX);

        for (int i = 0; i < 3; i++) { // the CTR and MAC streams run on across frames
            byte[] data = data(size, i);
            assertThat(open(bIn, aOut.seal(data))).isEqualTo(data);
            assertThat(open(aIn, bOut.seal(data))).isEqualTo(data);
        }
    }

    @Test
    void frameIsPaddedToSixteenBytes() {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        byte[] frame = new EgressFramer(run.initiator(), MAX).seal(new byte[17]);

        assertThat(frame).hasSize(32 + 32 + 16);
        assertThat(EgressFramer.frameLength(16)).isEqualTo(32 + 16 + 16);
    }

    @Test
    void headerCarriesTheSizeAndTheZeroHeaderData() {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        byte[] frame = new EgressFramer(run.initiator(), MAX).seal(new byte[0x012345]);
        byte[] header = Arrays.copyOf(frame, 16);
        FrameCiphers.apply(
                FrameCiphers.ctr(run.recipient().aesSecret(), javax.crypto.Cipher.DECRYPT_MODE),
                header,
                0,
                16);

        assertThat(Arrays.copyOf(header, 6)).containsExactly(0x01, 0x23, 0x45, 0xc2, 0x80, 0x80);
        assertThat(Arrays.copyOfRange(header, 6, 16)).containsOnly(0);
    }

    @Test
    void tamperedHeaderMacIsRejected() {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        byte[] frame = new EgressFramer(run.initiator(), MAX).seal(data(100, 0));
        frame[20] ^= 1;

        assertThatThrownBy(() -> new IngressFramer(run.recipient(), MAX).openHeader(frame, 0))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("header MAC");
    }

    @Test
    void tamperedBodyIsRejected() {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        byte[] frame = new EgressFramer(run.initiator(), MAX).seal(data(100, 0));
        frame[40] ^= 1;
        IngressFramer in = new IngressFramer(run.recipient(), MAX);
        int size = in.openHeader(frame, 0);

        assertThatThrownBy(() -> in.openBody(frame, 32, size))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("frame MAC");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 17, 65_537, 1 << 20})
    void bodiesOffTheHeapOpenIntoARangeOfAnArrayAsOnesOnIt(int size) {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        EgressFramer out = new EgressFramer(run.initiator(), MAX);
        IngressFramer in = new IngressFramer(run.recipient(), MAX);
        for (int i = 0; i < 3; i++) {
            byte[] data = data(size, i);
            byte[] frame = out.seal(data);
            int frameSize = in.openHeader(frame, 0);
            ByteBuffer direct = ByteBuffer.allocateDirect(frame.length + 7);
            direct.put(frame).put(new byte[7]).position(IngressFramer.HEADER_SIZE);
            byte[] opened = new byte[IngressFramer.paddedSize(frameSize) + 10];

            in.openBody(direct, frameSize, opened, 5);

            assertThat(direct.position()).isEqualTo(frame.length);
            assertThat(Arrays.copyOfRange(opened, 5, 5 + size)).isEqualTo(data);
            assertThat(Arrays.copyOf(opened, 5)).containsOnly(0);
        }
    }

    @Test
    void aTamperedBodyOffTheHeapIsRejected() {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        byte[] frame = new EgressFramer(run.initiator(), MAX).seal(data(100, 0));
        frame[frame.length - 1] ^= 1;
        IngressFramer in = new IngressFramer(run.recipient(), MAX);
        int size = in.openHeader(frame, 0);
        ByteBuffer direct = ByteBuffer.allocateDirect(frame.length).put(frame);
        direct.position(IngressFramer.HEADER_SIZE);

        assertThatThrownBy(() -> in.openBody(direct, size, new byte[128], 0))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("frame MAC");
    }

    @Test
    void frameAboveTheLimitIsRejectedAtTheHeader() {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        byte[] frame = new EgressFramer(run.initiator(), MAX).seal(new byte[2000]);

        assertThatThrownBy(() -> new IngressFramer(run.recipient(), 1000).openHeader(frame, 0))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("exceeds the maximum of 1000");
        assertThatThrownBy(() -> new EgressFramer(run.initiator(), 1000).seal(new byte[1001]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] open(IngressFramer in, byte[] frame) {
        int size = in.openHeader(frame, 0);
        assertThat(frame.length)
                .isEqualTo(IngressFramer.HEADER_SIZE + IngressFramer.bodyLength(size));
        return in.openBody(frame, IngressFramer.HEADER_SIZE, size);
    }

    private static byte[] data(int size, int seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
