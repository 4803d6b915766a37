package io.annals.store.testing;

import java.util.Random;

/**
 * ABI words as contracts write them: mostly amounts and addresses padded with leading zeros, some
 * small integers and some full 32-byte values (hashes, packed data). This mix gives call data and
 * log data the compressibility they have on mainnet (about 60 % of their bytes are zeros).
 */
final class Words {
    private Words() {}

    /** Fills the 32 bytes at {@code offset} with one word. */
    static void fill(byte[] out, int offset, Random random) {
        int roll = random.nextInt(100);
        int significant =
                roll < 40
                        ? 8 + random.nextInt(5) // an amount: 10^18..10^30
                        : roll < 75
                                ? 20 // an address
                                : roll < 90
                                        ? 1
                                                + random.nextInt(
                                                        2) // a small integer, a flag, an offset
                                        : 32; // a hash or packed bytes
        for (int i = 32 - significant; i < 32; i++) {
            out[offset + i] = (byte) random.nextInt(256);
        }
    }
}
