package io.annals.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * Ethereum JSON-RPC quantities: {@code 0x}-prefixed hex numbers with no leading zero digits ({@code
 * 0x0}, {@code 0x1a}). Parsing is as strict as go-ethereum's {@code hexutil}: the prefix is
 * required, {@code 0x} alone and leading zeros are rejected, and so is any value wider than the
 * target type. Error messages are geth's.
 *
 * @see <a href="https://ethereum.org/en/developers/docs/apis/json-rpc/#hex-encoding">hex
 *     encoding</a>
 */
public final class Quantity {
    static final String EMPTY = "empty hex string";
    static final String MISSING_PREFIX = "hex string without 0x prefix";
    static final String EMPTY_NUMBER = "hex string \"0x\"";
    static final String LEADING_ZERO = "hex number with leading zero digits";
    static final String SYNTAX = "invalid hex string";
    static final String UINT64_RANGE = "hex number > 64 bits";
    static final String BIG256_RANGE = "hex number > 256 bits";

    private Quantity() {}

    /** Encodes {@code value} read as an unsigned 64-bit number (a uint64 held in a long's bits). */
    public static String encode(long value) {
        return "0x" + Long.toUnsignedString(value, 16);
    }

    /** Encodes a non-negative integer. */
    public static String encode(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a quantity is never negative: " + value);
        }
        return "0x" + value.toString(16);
    }

    /**
     * Parses a uint64 quantity.
     *
     * @return the value's 64 bits; callers that need a non-negative long check the sign themselves
     * @throws JsonFormatException with geth's message when the text is not a valid uint64 quantity
     */
    public static long parseUint64(String text) {
        String digits = checkNumber(text);
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = (value << 4) | nibble(digits.charAt(i));
        }
        if (digits.length() > 16) {
            throw new JsonFormatException(UINT64_RANGE);
        }
        return value;
    }

    /** Parses a quantity of at most 256 bits. */
    public static BigInteger parseBig256(String text) {
        String digits = checkNumber(text);
        for (int i = 0; i < digits.length(); i++) {
            nibble(digits.charAt(i));
        }
        if (digits.length() > 64) {
            throw new JsonFormatException(BIG256_RANGE);
        }
        return new BigInteger(digits, 16);
    }

    /** Parses a JSON string holding a uint64 quantity. */
    public static long parseUint64(JsonNode node) {
        return parseUint64(requireText(node, "quantity"));
    }

    /** Parses a JSON string holding a quantity of at most 256 bits. */
    public static BigInteger parseBig256(JsonNode node) {
        return parseBig256(requireText(node, "quantity"));
    }

    static String requireText(JsonNode node, String what) {
        if (node == null || !node.isTextual()) {
            throw new JsonFormatException("cannot unmarshal non-string into " + what);
        }
        return node.textValue();
    }

    static boolean hasPrefix(String text) {
        return text.length() >= 2
                && text.charAt(0) == '0'
                && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
    }

    /** Returns the digits after the prefix, or throws geth's error for a malformed number. */
    private static String checkNumber(String text) {
        if (text.isEmpty()) {
            throw new JsonFormatException(EMPTY);
        }
        if (!hasPrefix(text)) {
            throw new JsonFormatException(MISSING_PREFIX);
        }
        String digits = text.substring(2);
        if (digits.isEmpty()) {
            throw new JsonFormatException(EMPTY_NUMBER);
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new JsonFormatException(LEADING_ZERO);
        }
        return digits;
    }

    static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new JsonFormatException(SYNTAX);
    }
}
