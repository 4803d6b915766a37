package io.annals.core.rlp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.testing.FuzzContract;

/**
 * RLP: any bytes either fail with {@link RlpException} or decode to a tree that {@link RlpWriter}
 * encodes back to exactly those bytes (the reader accepts canonical encodings only, so decoding is
 * injective). Allocation stays proportional to the input, whatever the length prefixes claim.
 */
class RlpFuzzTest {
    private static final FuzzContract CONTRACT = FuzzContract.of(16, RlpException.class);

    @FuzzTest
    void decodesCanonicallyOrFailsWithRlpException(byte[] input) {
        byte[] reencoded =
                CONTRACT.decode(
                        input.length,
                        () -> {
                            RlpWriter out = new RlpWriter();
                            copy(RlpReader.of(input), out);
                            return out.toByteArray();
                        });
        if (reencoded != null) {
            FuzzContract.requireEqual(input, reencoded, "RLP");
        }
    }

    private static void copy(RlpReader in, RlpWriter out) {
        while (in.hasNext()) {
            if (in.nextIsList()) {
                RlpReader list = in.readList();
                int mark = out.startList();
                copy(list, out);
                out.endList(mark);
            } else {
                out.writeBytes(in.readSlice());
            }
        }
    }
}
