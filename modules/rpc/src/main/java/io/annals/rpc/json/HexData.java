package io.annals.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.util.Hex;

/**
 * Ethereum JSON-RPC unformatted data: {@code 0x}-prefixed, two hex digits per byte, lowercase when
 * written ({@code 0x} is the empty byte string). Parsing follows go-ethereum's {@code
 * hexutil.Bytes} and fixed-size types ({@code common.Address}, {@code common.Hash}) with geth's
 * messages, except that the empty string is refused rather than read as empty data.
 */
public final class HexData {
    private HexData() {}

    public static String encode(byte[] bytes) {
        return Hex.prefixed(bytes);
    }

    /** Decodes data of any (even) length. */
    public static byte[] decode(String text) {
        if (text.isEmpty()) {
            throw new JsonFormatException(Quantity.EMPTY);
        }
        return decodeDigits(checkPrefixAndLength(text));
    }

    /**
     * Decodes data of exactly {@code size} bytes; {@code typeName} names it in the error. Syntax
     * errors read as geth's {@code hexutil.UnmarshalFixedJSON} wraps them ({@code "json: cannot
     * unmarshal hex string without 0x prefix into Go value of type common.Hash"}); a wrong length
     * is geth's plain message.
     */
    public static byte[] decodeFixed(String text, int size, String typeName) {
        try {
            return decodeFixedUnwrapped(text, size, typeName);
        } catch (JsonFormatException e) {
            if (e.getMessage().startsWith("hex string has length")) {
                throw e;
            }
            throw new JsonFormatException(
                    "json: cannot unmarshal "
                            + e.getMessage()
                            + " into Go value of type "
                            + typeName);
        }
    }

    private static byte[] decodeFixedUnwrapped(String text, int size, String typeName) {
        String digits = checkPrefixAndLength(text);
        if (digits.length() != size * 2) {
            throw new JsonFormatException(
                    "hex string has length "
                            + digits.length()
                            + ", want "
                            + size * 2
                            + " for "
                            + typeName);
        }
        return decodeDigits(digits);
    }

    public static byte[] decode(JsonNode node) {
        return decode(Quantity.requireText(node, "data"));
    }

    public static Address parseAddress(String text) {
        return Address.wrap(decodeFixed(text, Address.SIZE, "common.Address"));
    }

    public static Address parseAddress(JsonNode node) {
        return parseAddress(Quantity.requireText(node, "address"));
    }

    public static Hash parseHash(String text) {
        return Hash.wrap(decodeFixed(text, Hash.SIZE, "common.Hash"));
    }

    public static Hash parseHash(JsonNode node) {
        return parseHash(Quantity.requireText(node, "hash"));
    }

    private static String checkPrefixAndLength(String text) {
        if (!Quantity.hasPrefix(text)) {
            throw new JsonFormatException(Quantity.MISSING_PREFIX);
        }
        String digits = text.substring(2);
        if ((digits.length() & 1) != 0) {
            throw new JsonFormatException("hex string of odd length");
        }
        return digits;
    }

    private static byte[] decodeDigits(String digits) {
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] =
                    (byte)
                            (Quantity.nibble(digits.charAt(2 * i)) << 4
                                    | Quantity.nibble(digits.charAt(2 * i + 1)));
        }
        return out;
    }
}
