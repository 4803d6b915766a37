package io.annals.devnet.chain;

import io.annals.core.crypto.Keccak256;
import io.annals.core.types.LogsBloom;

/**
 * The logs-bloom function M3:2048 of the yellow paper (section 4.3.1), split into its two halves so
 * the generator can hash each pooled value once and set its bits many times: a value's three bit
 * indices are the low 11 bits of the first three byte pairs of its Keccak-256, packed here into one
 * long; bit {@code i} lives in byte {@code 255 - i / 8}.
 */
final class BloomBits {
    private BloomBits() {}

    /**
     * The three bit indices of {@code value} (an address or a topic), 11 bits each, low to high.
     */
    static long positions(byte[] value) {
        byte[] h = Keccak256.hash(value);
        long packed = 0;
        for (int i = 0; i < 3; i++) {
            long bit = ((h[2 * i] & 0x07) << 8) | (h[2 * i + 1] & 0xff);
            packed |= bit << (11 * i);
        }
        return packed;
    }

    /** Sets the three bits packed in {@code positions} in a 256-byte bloom. */
    static void set(byte[] bloom, long positions) {
        for (int i = 0; i < 3; i++) {
            int bit = (int) (positions >>> (11 * i)) & 0x7ff;
            bloom[LogsBloom.SIZE - 1 - (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
    }

    static void or(byte[] into, byte[] bloom) {
        for (int i = 0; i < LogsBloom.SIZE; i++) {
            into[i] |= bloom[i];
        }
    }
}
