package io.annals.core.trie;

/**
 * Hex-prefix encoding of a nibble path (yellow paper, appendix C): the first nibble holds two
 * flags, "odd length" (bit 0) and "leaf" (bit 1); an odd path puts its first nibble beside the
 * flags, an even one pads with a zero nibble.
 */
final class HexPrefix {
    private HexPrefix() {}

    /** Encodes {@code nibbles[from, to)} for a leaf ({@code leaf == true}) or an extension node. */
    static byte[] encode(byte[] nibbles, int from, int to, boolean leaf) {
        int length = to - from;
        boolean odd = (length & 1) == 1;
        int flags = (leaf ? 2 : 0) | (odd ? 1 : 0);
        byte[] out = new byte[length / 2 + 1];
        int at = from;
        if (odd) {
            out[0] = (byte) (flags << 4 | nibbles[at++]);
        } else {
            out[0] = (byte) (flags << 4);
        }
        for (int i = 1; i < out.length; i++) {
            out[i] = (byte) (nibbles[at] << 4 | nibbles[at + 1]);
            at += 2;
        }
        return out;
    }
}
