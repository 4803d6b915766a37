package io.annals.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.util.ByteSlice;
import io.annals.core.util.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keccak-256 against published known answers and, differentially, against BouncyCastle's
 * independent {@link KeccakDigest}.
 */
class Keccak256Test {
    private static final int RATE = 136;

    /**
     * Known answers. The empty, CC, 41FB, 31-byte and 33-byte messages are entries of the Keccak
     * team's round-3 known-answer file ShortMsgKAT_256.txt (KeccakKAT-3.zip, keccak.noekeon.org,
     * January 2011), the byte-aligned part of which golang.org/x/crypto/sha3 and go-ethereum's
     * crypto tests also quote. "abc" is the Keccak-256 vector of go-ethereum's crypto/keccak
     * sha3_test.go (TestKeccak). 200 × 0xa3 is the 1600-bit message of NIST's SHA-3 example values
     * hashed with the original Keccak padding, as listed in the Kestrel Institute's ACL2 Keccak
     * library tests.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty, '', c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        "cc, cc, eead6dbfc7340a56caedc044696a168870549a6a7f6f56961e84a54bd9970b8a",
        "41fb, 41fb, a8eaceda4d47b3281a795ad9e1ea2122b407baf9aabcb9e18b5717b7873537d2",
        "248 bits, 84fb51b517df6c5accb5d022f8f28da09b10232d42320ffc32dbecc3835b29,"
                + " d477fb02caaa95b3280ec8ee882c29d9e8a654b21ef178e0f97571bf9d4d3c1c",
        "264 bits, de8f1b3faa4b7040ed4563c3b8e598253178e87e4d0df75e4ff2f2dedd5a0be046,"
                + " e78c421e6213aff8de1f025759a4f2c943db62bbde359c8737e19b3776ed2dd2",
        "abc, 616263, 4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
    })
    void matchesKnownAnswers(String name, String messageHex, String digestHex) {
        byte[] message = Hex.decode(messageHex);
        assertThat(Hex.encode(Keccak256.hash(message))).isEqualTo(digestHex);
        assertThat(Hex.encode(new Keccak256().update(message).digest())).isEqualTo(digestHex);
    }

    @Test
    void hashesTwoHundredBytesOfA3AcrossTheRateBoundary() {
        byte[] message = new byte[200];
        Arrays.fill(message, (byte) 0xa3);
        assertThat(Keccak256.hashOf(message).toHex())
                .isEqualTo("0x3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a");
    }

    /**
     * The Keccak team's ExtremelyLongMsgKAT message truncated to 64 MiB (2^20 repetitions of the
     * 64-byte pattern), with the digest go-ethereum's crypto tests give for it. Streamed through
     * {@link Keccak256#update} so that the test needs no 64 MiB buffer.
     */
    @Test
    void hashesTheSixtyFourMebibyteMessageIncrementally() {
        byte[] pattern =
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                        .getBytes(StandardCharsets.US_ASCII);
        Keccak256 keccak = new Keccak256();
        for (int i = 0; i < 1 << 20; i++) {
            keccak.update(pattern);
        }
        assertThat(Hex.encode(keccak.digest()))
                .isEqualTo("5015a4935f0b51e091c6550a94dcd262c08998232ccaa22e7f0756deac0dc0d0");
    }

    @Test
    void agreesWithBouncyCastleOnEveryLengthUpToThreeBlocks() {
        Random random = new Random(1);
        for (int length = 0; length <= 3 * RATE + 2; length++) {
            byte[] input = randomBytes(random, length);
            assertThat(Keccak256.hash(input)).as("length %d", length).isEqualTo(reference(input));
        }
    }

    @Test
    void agreesWithBouncyCastleOnRandomInputs() {
        Random random = new Random(2);
        for (int i = 0; i < 5_000; i++) {
            byte[] input = randomBytes(random, random.nextInt(1001));
            assertThat(Keccak256.hash(input))
                    .as("input %s", Hex.encode(input))
                    .isEqualTo(reference(input));
        }
    }

    @Test
    void agreesWithBouncyCastleAroundEveryRateMultipleUpToSixtyFourKibibytes() {
        Random random = new Random(3);
        for (int blocks = 1; blocks * RATE <= 65_536; blocks += 1 + blocks / 8) {
            for (int delta = -2; delta <= 2; delta++) {
                byte[] input = randomBytes(random, blocks * RATE + delta);
                assertThat(Keccak256.hash(input))
                        .as("length %d", input.length)
                        .isEqualTo(reference(input));
            }
        }
    }

    @Test
    void hashesARangeOfALargerArray() {
        Random random = new Random(4);
        for (int i = 0; i < 1_000; i++) {
            byte[] buffer = randomBytes(random, 600);
            int offset = random.nextInt(300);
            int length = random.nextInt(300);
            byte[] expected = reference(Arrays.copyOfRange(buffer, offset, offset + length));
            assertThat(Keccak256.hash(buffer, offset, length)).isEqualTo(expected);
            assertThat(Keccak256.hashOf(new ByteSlice(buffer, offset, length)).unsafeArray())
                    .isEqualTo(expected);
        }
    }

    @Test
    void hashesIntoARangeOfACallersArrayAndWritesNothingElse() {
        Random random = new Random(9);
        for (int i = 0; i < 1_000; i++) {
            byte[] buffer = randomBytes(random, 600);
            int offset = random.nextInt(300);
            int length = random.nextInt(300);
            byte[] out = randomBytes(random, 80);
            byte[] before = out.clone();
            int outOffset = random.nextInt(out.length - Keccak256.DIGEST_SIZE + 1);
            Keccak256.hashInto(buffer, offset, length, out, outOffset);
            assertThat(Arrays.copyOfRange(out, outOffset, outOffset + Keccak256.DIGEST_SIZE))
                    .isEqualTo(reference(Arrays.copyOfRange(buffer, offset, offset + length)));
            assertThat(Arrays.copyOfRange(out, 0, outOffset))
                    .isEqualTo(Arrays.copyOfRange(before, 0, outOffset));
            assertThat(Arrays.copyOfRange(out, outOffset + Keccak256.DIGEST_SIZE, out.length))
                    .isEqualTo(
                            Arrays.copyOfRange(
                                    before, outOffset + Keccak256.DIGEST_SIZE, out.length));
        }
    }

    @Test
    void hashIntoRejectsRangesOutsideEitherArray() {
        byte[] input = new byte[10];
        assertThatThrownBy(() -> Keccak256.hashInto(input, 5, 6, new byte[32], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Keccak256.hashInto(input, 0, 10, new byte[40], 9))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void incrementalUpdatesSplitAtRandomPointsMatchTheOneShotHash() {
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            byte[] input = randomBytes(random, random.nextInt(1200));
            Keccak256 keccak = new Keccak256();
            int at = 0;
            while (at < input.length) {
                // bias towards small pieces so that the pending block fills across many calls
                int piece =
                        Math.min(
                                input.length - at,
                                random.nextBoolean() ? random.nextInt(17) : random.nextInt(400));
                keccak.update(input, at, piece);
                at += piece;
            }
            assertThat(keccak.digest()).isEqualTo(reference(input));
        }
    }

    @Test
    void peekDigestIsTheDigestOfThePrefixAndLeavesTheStateAlone() {
        Random random = new Random(6);
        for (int i = 0; i < 200; i++) {
            byte[] input = randomBytes(random, random.nextInt(700));
            Keccak256 keccak = new Keccak256();
            assertThat(keccak.peekDigest()).isEqualTo(reference(new byte[0]));
            int at = 0;
            while (at < input.length) {
                int piece = Math.min(input.length - at, 1 + random.nextInt(50));
                keccak.update(input, at, piece);
                at += piece;
                byte[] prefixDigest = reference(Arrays.copyOf(input, at));
                assertThat(keccak.peekDigest()).isEqualTo(prefixDigest);
                assertThat(keccak.peekDigest()).as("peeking twice").isEqualTo(prefixDigest);
            }
            assertThat(keccak.digest()).isEqualTo(reference(input));
        }
    }

    @Test
    void aCopyRunsOnIndependentlyOfItsOriginal() {
        Random random = new Random(7);
        byte[] first = randomBytes(random, 150);
        byte[] second = randomBytes(random, 90);
        byte[] third = randomBytes(random, 300);

        Keccak256 original = new Keccak256().update(first);
        Keccak256 copy = original.copy();
        copy.update(second);
        original.update(third);

        assertThat(copy.digest()).isEqualTo(reference(concat(first, second)));
        assertThat(original.digest()).isEqualTo(reference(concat(first, third)));
    }

    @Test
    void digestAndResetStartAFreshHash() {
        Keccak256 keccak = new Keccak256();
        keccak.update("ignored".getBytes(StandardCharsets.US_ASCII));
        keccak.digest();
        assertThat(keccak.update(Hex.decode("616263")).digest())
                .isEqualTo(
                        Hex.decode(
                                "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));

        keccak.update(new byte[500]);
        keccak.reset();
        assertThat(keccak.digest()).isEqualTo(reference(new byte[0]));
    }

    @Test
    void rejectsRangesOutsideTheInput() {
        byte[] input = new byte[10];
        assertThatThrownBy(() -> Keccak256.hash(input, 5, 6))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Keccak256.hash(input, -1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Keccak256().update(input, 8, -1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void staticAndIncrementalPathsAgreeOnEveryPendingLength() {
        // every split point of a three-block input: the pending buffer holds 0..135 bytes when the
        // rest arrives
        Random random = new Random(8);
        byte[] input = randomBytes(random, 3 * RATE + 7);
        byte[] expected = reference(input);
        IntStream.rangeClosed(0, input.length)
                .forEach(
                        split -> {
                            Keccak256 keccak = new Keccak256();
                            keccak.update(input, 0, split);
                            keccak.update(input, split, input.length - split);
                            assertThat(keccak.digest())
                                    .as("split at %d", split)
                                    .isEqualTo(expected);
                        });
    }

    private static byte[] reference(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
