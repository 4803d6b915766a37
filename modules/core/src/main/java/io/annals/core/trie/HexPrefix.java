package io.annals.core.trie;

/**
 * Hex-prefix encoding of a nibble path (yellow paper, appendix C): the first nibble holds two
 * flags, "odd length" (bit 0) and "leaf" (bit 1); an odd path puts its first nibble beside the
 * flags, an even one pads with a zero nibble.
 *
 * <p>The first byte is therefore at most 0x3f, below 0x80: a one-byte encoding is its own RLP
 * string.
 */
final class HexPrefix {
    private HexPrefix() {}

    /** The encoded length of a path of {@code nibbles} nibbles. */
    static int length(int nibbles) {
        return nibbles / 2 + 1;
    }

    /**
     * Writes the encoding of nibbles {@code [from, to)} of a key, for a leaf ({@code leaf == true})
     * or an extension node, into {@code out} at {@code at}; it takes {@link #length length(to -
     * from)} bytes.
     */
    static void encode(
            PackedKeys keys, int key, int from, int to, boolean leaf, byte[] out, int at) {
        boolean odd = ((to - from) & 1) == 1;
        int flags = (leaf ? 2 : 0) | (odd ? 1 : 0);
        int nibble = from;
        out[at] = (byte) (odd ? flags << 4 | keys.nibble(key, nibble++) : flags << 4);
        int end = at + length(to - from);
        for (int i = at + 1; i < end; i++) {
            out[i] = (byte) (keys.nibble(key, nibble) << 4 | keys.nibble(key, nibble + 1));
            nibble += 2;
        }
    }
}
