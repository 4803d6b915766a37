package io.annals.core.util;

/** Lowercase hexadecimal, with or without the {@code 0x} prefix that Ethereum tooling uses. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** Lowercase hex without prefix. */
    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    public static String encode(byte[] bytes, int offset, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0xf];
        }
        return new String(out);
    }

    /** Lowercase hex with the {@code 0x} prefix. */
    public static String prefixed(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /**
     * Decodes hex with or without a {@code 0x} prefix.
     *
     * @throws IllegalArgumentException on an odd length or a non-hex character
     */
    public static byte[] decode(CharSequence hex) {
        int start = hasPrefix(hex) ? 2 : 0;
        int digits = hex.length() - start;
        if ((digits & 1) != 0) {
            throw new IllegalArgumentException("hex string has an odd number of digits: " + digits);
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(hex, start + 2 * i);
            int lo = digit(hex, start + 2 * i + 1);
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    public static boolean hasPrefix(CharSequence hex) {
        return hex.length() >= 2
                && hex.charAt(0) == '0'
                && (hex.charAt(1) == 'x' || hex.charAt(1) == 'X');
    }

    private static int digit(CharSequence hex, int index) {
        char c = hex.charAt(index);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("not a hex digit '" + c + "' at index " + index);
    }
}
