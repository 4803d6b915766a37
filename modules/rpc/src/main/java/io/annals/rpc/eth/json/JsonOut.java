package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes Ethereum JSON-RPC values with go-ethereum's encodings: quantities as {@code 0x} hex
 * without leading zeros ({@code hexutil.Uint64}, {@code hexutil.Big}), byte strings, hashes and
 * addresses as lowercase {@code 0x} hex of every byte ({@code hexutil.Bytes}, {@code common.Hash}).
 * Hex is written as ASCII bytes straight into the generator ({@code writeRawUTF8String}: hex needs
 * no escaping, so Jackson's per-character checks are skipped); no intermediate strings.
 */
public final class JsonOut {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Member names, encoded once (the names are the few literals of the JSON classes). */
    private static final Map<String, SerializedString> NAMES = new ConcurrentHashMap<>();

    private JsonOut() {}

    /** {@code name} as Jackson writes a pre-encoded member name, without re-encoding it. */
    public static SerializedString name(String name) {
        return NAMES.computeIfAbsent(name, SerializedString::new);
    }

    /** A uint64 quantity (the long's 64 bits read unsigned). */
    public static void quantity(JsonGenerator out, String name, long value) throws IOException {
        out.writeFieldName(name(name));
        quantity(out, value);
    }

    public static void quantity(JsonGenerator out, long value) throws IOException {
        byte[] bytes = new byte[18];
        int at = bytes.length;
        do {
            bytes[--at] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        } while (value != 0);
        bytes[--at] = 'x';
        bytes[--at] = '0';
        // hex digits never need escaping: written as they are, without Jackson's checks
        out.writeRawUTF8String(bytes, at, bytes.length - at);
    }

    /** A non-negative big quantity; null writes JSON null. */
    public static void quantity(JsonGenerator out, String name, BigInteger value)
            throws IOException {
        out.writeFieldName(name(name));
        quantity(out, value);
    }

    /** A non-negative big quantity as an array element; null writes JSON null. */
    public static void quantity(JsonGenerator out, BigInteger value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value.bitLength() < 64) {
            quantity(out, value.longValue());
        } else {
            out.writeString("0x" + value.toString(16));
        }
    }

    public static void data(JsonGenerator out, String name, byte[] bytes) throws IOException {
        out.writeFieldName(name(name));
        data(out, bytes, 0, bytes.length);
    }

    public static void data(JsonGenerator out, String name, ByteSlice bytes) throws IOException {
        out.writeFieldName(name(name));
        data(out, bytes.array(), bytes.offset(), bytes.length());
    }

    public static void data(JsonGenerator out, byte[] bytes, int offset, int length)
            throws IOException {
        byte[] hex = new byte[2 + 2 * length];
        hex[0] = '0';
        hex[1] = 'x';
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            hex[2 + 2 * i] = HEX[b >>> 4];
            hex[3 + 2 * i] = HEX[b & 0xf];
        }
        out.writeRawUTF8String(hex, 0, hex.length);
    }

    public static void hash(JsonGenerator out, String name, Hash hash) throws IOException {
        out.writeFieldName(name(name));
        hash(out, hash);
    }

    public static void hash(JsonGenerator out, Hash hash) throws IOException {
        byte[] bytes = hash.unsafeArray();
        data(out, bytes, 0, bytes.length);
    }

    /** An address, or JSON null when {@code address} is null (a contract creation's {@code to}). */
    public static void address(JsonGenerator out, String name, Address address) throws IOException {
        out.writeFieldName(name(name));
        address(out, address);
    }

    public static void address(JsonGenerator out, Address address) throws IOException {
        if (address == null) {
            out.writeNull();
            return;
        }
        byte[] bytes = address.unsafeArray();
        data(out, bytes, 0, bytes.length);
    }

    /** An array of hashes. */
    public static void hashes(JsonGenerator out, String name, Iterable<Hash> hashes)
            throws IOException {
        out.writeArrayFieldStart(name);
        for (Hash hash : hashes) {
            hash(out, hash);
        }
        out.writeEndArray();
    }
}
