package io.annals.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.annals.core.util.Hex;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the RLP codec over many seeded random inputs: what the writer produces the strict
 * reader takes back unchanged and matches an independent encoder written from the spec; and no
 * input, however broken, makes the reader throw anything but {@link RlpException}.
 */
class RlpPropertyTest {
    private static final int[] INTERESTING_LENGTHS = {
        0, 1, 1, 1, 2, 31, 32, 55, 56, 57, 255, 256, 1024
    };

    @Test
    void randomNestedStructuresRoundTrip() {
        Random random = new Random(11);
        for (int i = 0; i < 3_000; i++) {
            Object tree = randomTree(random, 0);
            byte[] encoded = RlpTree.encode(tree);
            assertThat(encoded)
                    .as("writer against the spec encoder")
                    .isEqualTo(referenceEncode(tree));
            assertThat(RlpTree.decode(encoded)).isEqualTo(tree);
        }
    }

    @Test
    void unsignedLongsRoundTrip() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            long value = random.nextLong() >>> random.nextInt(64);
            byte[] encoded = Rlp.encodeLong(value);
            assertThat(encoded)
                    .isEqualTo(
                            referenceEncode(
                                    Hex.encode(
                                            minimalBytes(
                                                    BigInteger.valueOf(value)
                                                            .add(
                                                                    value < 0
                                                                            ? BigInteger.ONE
                                                                                    .shiftLeft(64)
                                                                            : BigInteger.ZERO)))));
            assertThat(RlpReader.of(encoded).readLong()).isEqualTo(value);
        }
    }

    @Test
    void integersUpTo256BitsRoundTrip() {
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            BigInteger value = new BigInteger(random.nextInt(257), random);
            byte[] encoded = Rlp.encodeBigInteger(value);
            assertThat(encoded).isEqualTo(referenceEncode(Hex.encode(minimalBytes(value))));
            assertThat(RlpReader.of(encoded).readUInt256()).isEqualTo(value);
        }
        BigInteger tooBig = BigInteger.ONE.shiftLeft(256);
        assertThatThrownBy(() -> RlpReader.of(Rlp.encodeBigInteger(tooBig)).readUInt256())
                .isInstanceOf(RlpException.class);
    }

    @Test
    void randomBytesOnlyEverRaiseRlpException() {
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = new byte[random.nextInt(80)];
            for (int j = 0; j < input.length; j++) {
                // mostly header-like bytes, so that decoding gets past the first item often
                input[j] =
                        (byte)
                                (random.nextInt(4) == 0
                                        ? random.nextInt(256)
                                        : 0x80 + random.nextInt(128));
            }
            exerciseDecoders(input);
        }
    }

    @Test
    void mutatedValidEncodingsOnlyEverRaiseRlpException() {
        Random random = new Random(15);
        for (int i = 0; i < 5_000; i++) {
            byte[] valid = RlpTree.encode(randomTree(random, 0));
            exerciseDecoders(mutate(random, valid));
        }
    }

    @Test
    void hugeDeclaredLengthsAreRejectedWithoutAllocating() {
        String[] encodings = {
            "bbffffffff",
            "bb7fffffff00",
            "bc0100000000",
            "bf7fffffffffffffff00",
            "fbffffffff",
            "fb7fffffff00",
            "ff7fffffffffffffff00",
            "b9ffff00",
            "f9ffff00",
            "ba010000aabbccddeeff",
            "f84000",
            "b840ff",
        };
        for (String hex : encodings) {
            byte[] input = Hex.decode(hex);
            assertThatThrownBy(() -> RlpTree.decode(input))
                    .as(hex)
                    .isInstanceOf(RlpException.class);
            assertThatThrownBy(() -> RlpReader.of(input).readBytes())
                    .as(hex)
                    .isInstanceOf(RlpException.class);
            assertThatThrownBy(() -> RlpReader.of(input).skip())
                    .as(hex)
                    .isInstanceOf(RlpException.class);
        }
    }

    @Test
    void deepNestingIsRejectedBeforeTheStackRunsOut() {
        byte[] deep = nestedEmptyLists(100_000);
        // well formed, but 100,000 levels deep: the depth bound stops the recursive walk
        assertThatThrownBy(() -> RlpTree.decode(deep))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("nested deeper than " + RlpReader.DEFAULT_MAX_DEPTH);
        assertThat(RlpTree.decode(nestedEmptyLists(RlpReader.DEFAULT_MAX_DEPTH))).isNotNull();
    }

    @Test
    void sequencesOfItemsAreNotOneItem() {
        assertThatThrownBy(() -> RlpTree.decode(Hex.decode("c0c0")))
                .isInstanceOf(RlpException.class);
        assertThatThrownBy(() -> RlpTree.decode(new byte[0])).isInstanceOf(RlpException.class);
    }

    /** Runs every reader entry point over {@code input}; only RlpException may come out. */
    private static void exerciseDecoders(byte[] input) {
        expectOnlyRlpException(input, () -> RlpTree.decode(input));
        expectOnlyRlpException(input, () -> RlpReader.list(input));
        expectOnlyRlpException(
                input,
                () -> {
                    RlpReader reader = RlpReader.of(input);
                    while (reader.hasNext()) {
                        reader.readRawSlice();
                    }
                });
        expectOnlyRlpException(input, () -> RlpReader.of(input).readLong());
        expectOnlyRlpException(input, () -> RlpReader.of(input).readInt());
        expectOnlyRlpException(input, () -> RlpReader.of(input).readUInt256());
        expectOnlyRlpException(input, () -> RlpReader.of(input).readHash());
        expectOnlyRlpException(input, () -> RlpReader.of(input).readAddress());
        expectOnlyRlpException(input, () -> RlpReader.of(input).nextPayloadLength());
        expectOnlyRlpException(
                input,
                () -> {
                    RlpReader reader = RlpReader.of(input);
                    while (reader.hasNext()) {
                        reader.skip();
                    }
                });
    }

    private static void expectOnlyRlpException(byte[] input, Runnable decode) {
        try {
            decode.run();
        } catch (RlpException expected) {
            // the one allowed failure
        } catch (Throwable other) {
            fail("input " + Hex.encode(input) + " raised " + other, other);
        }
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] out = valid.clone();
        switch (random.nextInt(6)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 + random.nextInt(255));
            case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            case 2 -> {
                out = Arrays.copyOf(out, out.length + 1 + random.nextInt(4));
                for (int i = valid.length; i < out.length; i++) {
                    out[i] = (byte) random.nextInt(256);
                }
            }
            case 3 -> out[random.nextInt(out.length)] = (byte) (0xb8 + random.nextInt(8));
            case 4 -> out[random.nextInt(out.length)] = (byte) (0xf8 + random.nextInt(8));
            default -> {
                int at = random.nextInt(out.length + 1);
                byte[] longer = new byte[out.length + 1];
                System.arraycopy(out, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                out = longer;
            }
        }
        return out;
    }

    private static Object randomTree(Random random, int depth) {
        if (depth < 5 && random.nextInt(3) == 0) {
            int size = random.nextInt(10) == 0 ? 10 + random.nextInt(40) : random.nextInt(5);
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                items.add(randomTree(random, depth + 1));
            }
            return items;
        }
        int length =
                random.nextBoolean()
                        ? INTERESTING_LENGTHS[random.nextInt(INTERESTING_LENGTHS.length)]
                        : random.nextInt(100);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Hex.encode(bytes);
    }

    /** {@code depth} lists, each the only element of the one around it, innermost empty. */
    private static byte[] nestedEmptyLists(int depth) {
        // written back to front: each level prepends its header to the encoding of the levels
        // inside
        byte[] buffer = new byte[depth * 5];
        int start = buffer.length - 1;
        buffer[start] = (byte) 0xc0;
        for (int level = 1; level < depth; level++) {
            int payload = buffer.length - start;
            if (payload < 56) {
                buffer[--start] = (byte) (0xc0 + payload);
            } else {
                byte[] length = minimalBytes(BigInteger.valueOf(payload));
                start -= length.length;
                System.arraycopy(length, 0, buffer, start, length.length);
                buffer[--start] = (byte) (0xf7 + length.length);
            }
        }
        return Arrays.copyOfRange(buffer, start, buffer.length);
    }

    /** The RLP encoding as the yellow paper (appendix B) defines it, written independently. */
    private static byte[] referenceEncode(Object tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tree instanceof String hex) {
            byte[] bytes = Hex.decode(hex);
            if (bytes.length == 1 && (bytes[0] & 0xff) < 0x80) {
                out.write(bytes[0]);
            } else {
                writeLength(out, 0x80, bytes.length);
                out.writeBytes(bytes);
            }
        } else {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            for (Object item : (List<?>) tree) {
                payload.writeBytes(referenceEncode(item));
            }
            writeLength(out, 0xc0, payload.size());
            out.writeBytes(payload.toByteArray());
        }
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int offset, int length) {
        if (length < 56) {
            out.write(offset + length);
        } else {
            byte[] lengthBytes = minimalBytes(BigInteger.valueOf(length));
            out.write(offset + 55 + lengthBytes.length);
            out.writeBytes(lengthBytes);
        }
    }

    private static byte[] minimalBytes(BigInteger value) {
        byte[] raw = value.toByteArray();
        int skip = 0;
        while (skip < raw.length && raw[skip] == 0) {
            skip++;
        }
        return Arrays.copyOfRange(raw, skip, raw.length);
    }
}
