package io.annals.cluster.wire;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes the cluster's binary messages: fixed-width numbers, length-prefixed bytes and text. */
final class WireOut {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);

    WireOut writeLong(long value) {
        try {
            out.writeLong(value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return this;
    }

    WireOut writeInt(int value) {
        try {
            out.writeInt(value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return this;
    }

    WireOut writeByte(int value) {
        try {
            out.writeByte(value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return this;
    }

    WireOut writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    WireOut writeBytes(byte[] value) {
        writeInt(value.length);
        try {
            out.write(value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return this;
    }

    WireOut writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    WireOut writeHash(Hash hash) {
        try {
            out.write(hash.unsafeArray());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return this;
    }

    WireOut writeAddress(Address address) {
        try {
            out.write(address.unsafeArray());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return this;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
