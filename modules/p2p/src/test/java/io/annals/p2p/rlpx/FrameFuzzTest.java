package io.annals.p2p.rlpx;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.testing.FuzzContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RLPx frames (<a href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#framing">rlpx.md,
 * framing</a>): frames sealed by one side open on the other side to the same data, in order; a
 * stream with one byte changed anywhere fails with {@link FrameException} at the frame that holds
 * it (never later, never with another exception), every frame before it intact.
 */
class FrameFuzzTest {
    private static final int MAX_FRAME = 64 * 1024;
    private static final FuzzContract CONTRACT = FuzzContract.of(64, FrameException.class);
    private static final byte[] AES = bytes(32, 1);
    private static final byte[] MAC = bytes(32, 2);
    private static final byte[] A_SEED = bytes(40, 3);
    private static final byte[] B_SEED = bytes(40, 4);
    private static final byte[] NODE = bytes(64, 5);

    @FuzzTest
    void opensWhatWasSealedAndRefusesAnyChange(FuzzedDataProvider data) {
        EgressFramer egress =
                new EgressFramer(Secrets.of(AES, MAC, A_SEED, B_SEED, NODE), MAX_FRAME);
        IngressFramer ingress =
                new IngressFramer(Secrets.of(AES, MAC, B_SEED, A_SEED, NODE), MAX_FRAME);
        List<byte[]> frames = new ArrayList<>();
        int count = data.consumeInt(1, 4);
        for (int i = 0; i < count; i++) {
            frames.add(data.consumeBytes(data.consumeInt(0, 512)));
        }
        byte[] stream = seal(egress, frames);
        int corruptAt = -1;
        if (data.consumeBoolean() && stream.length > 0) {
            corruptAt = data.consumeInt(0, stream.length - 1);
            stream[corruptAt] ^= (byte) data.consumeInt(1, 255);
        }
        byte[] bytes = stream;
        List<byte[]> opened = new ArrayList<>();
        int[] failedInFrameAt = {-1};
        CONTRACT.run(bytes.length, () -> open(ingress, bytes, opened, failedInFrameAt));
        int end = 0;
        for (int i = 0; i < frames.size(); i++) {
            int frameEnd =
                    end
                            + IngressFramer.HEADER_SIZE
                            + IngressFramer.bodyLength(frames.get(i).length);
            if (corruptAt >= end && corruptAt < frameEnd) {
                if (opened.size() != i) {
                    throw new AssertionError("a changed byte in frame " + i + " was not refused");
                }
                return;
            }
            if (!Arrays.equals(frames.get(i), opened.get(i))) {
                throw new AssertionError("frame " + i + " opened to other data");
            }
            end = frameEnd;
        }
    }

    private static byte[] seal(EgressFramer egress, List<byte[]> frames) {
        byte[] out = new byte[0];
        for (byte[] frame : frames) {
            byte[] sealed = egress.seal(frame);
            byte[] joined = Arrays.copyOf(out, out.length + sealed.length);
            System.arraycopy(sealed, 0, joined, out.length, sealed.length);
            out = joined;
        }
        return out;
    }

    /** Reads frames off the stream as the transport's decoder does: header, then body. */
    private static void open(IngressFramer ingress, byte[] stream, List<byte[]> opened, int[] at) {
        int offset = 0;
        while (offset + IngressFramer.HEADER_SIZE <= stream.length) {
            at[0] = offset;
            int size = ingress.openHeader(stream, offset);
            int body = IngressFramer.bodyLength(size);
            if (offset + IngressFramer.HEADER_SIZE + body > stream.length) {
                return; // the transport waits for the rest
            }
            opened.add(ingress.openBody(stream, offset + IngressFramer.HEADER_SIZE, size));
            offset += IngressFramer.HEADER_SIZE + body;
        }
    }

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed * 31 + i * 7);
        }
        return out;
    }
}
