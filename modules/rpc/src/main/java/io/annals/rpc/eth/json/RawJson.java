package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.SerializableString;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A value already encoded as JSON (UTF-8), for {@code JsonGenerator.writeRawValue}: Jackson's UTF-8
 * generator copies the bytes into its output as they are, adding only the separator before them.
 * Only the byte forms are meant to be used; the char forms decode on demand.
 */
final class RawJson implements SerializableString {
    private final byte[] json;

    RawJson(byte[] json) {
        this.json = json;
    }

    @Override
    public String getValue() {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return getValue().toCharArray();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return json;
    }

    @Override
    public byte[] asQuotedUTF8() {
        return json;
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return appendUnquotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return appendUnquoted(buffer, offset);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + json.length > buffer.length) {
            return -1;
        }
        System.arraycopy(json, 0, buffer, offset, json.length);
        return json.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        char[] chars = getValue().toCharArray();
        if (offset + chars.length > buffer.length) {
            return -1;
        }
        System.arraycopy(chars, 0, buffer, offset, chars.length);
        return chars.length;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws java.io.IOException {
        return writeUnquotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws java.io.IOException {
        out.write(json);
        return json.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return putUnquotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < json.length) {
            return -1;
        }
        buffer.put(json);
        return json.length;
    }
}
