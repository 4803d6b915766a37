package io.annals.devnet.chain;

/**
 * 32-byte ABI words as contracts write them in call data and log data: mostly amounts and addresses
 * padded with leading zeros, some small integers and flags, some full words (hashes, packed data).
 * This mix gives the bytes the compressibility they have on mainnet, about 60 % zeros.
 */
final class AbiWords {
    private AbiWords() {}

    /** Writes one word at {@code offset}; every byte of the word is written. */
    static void fill(byte[] out, int offset, SplitMix random) {
        int roll = random.nextInt(100);
        int significant =
                roll < 40
                        ? 8 + random.nextInt(5) // an amount, 10^18 to 10^30 wei
                        : roll < 75
                                ? 20 // an address
                                : roll < 90
                                        ? 1
                                                + random.nextInt(
                                                        2) // a small integer, a flag, an offset
                                        : 32; // a hash or packed bytes
        int zeros = 32 - significant;
        for (int i = 0; i < zeros; i++) {
            out[offset + i] = 0;
        }
        random.nextBytes(out, offset + zeros, significant);
    }
}
