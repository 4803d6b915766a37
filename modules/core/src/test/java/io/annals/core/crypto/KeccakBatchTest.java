package io.annals.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.util.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

/**
 * The multi-lane Keccak against the scalar sponge, differentially: every length around the block
 * boundaries, random lengths and batch sizes (so that lanes start, finish and hand over at every
 * phase), jobs that share arrays, and the scalar finish of the last busy lanes. The build runs the
 * tests with {@code --add-modules jdk.incubator.vector}, so the lanes are there to be tested.
 */
class KeccakBatchTest {
    private static final int RATE = KeccakSponge.RATE;

    private final KeccakLanes lanes = KeccakBatch.lanes();

    @Test
    void theVectorLanesAreLoadedWhenTheModuleIsPresent() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector"))
                .as("tests run with --add-modules jdk.incubator.vector (the build's argLine)")
                .isPresent();
        assertThat(lanes).as("the vector lanes").isNotNull();
        assertThat(lanes.lanes()).isGreaterThanOrEqualTo(4);
        assertThat(KeccakBatch.engine()).isEqualTo(lanes.lanes() + " lanes, Vector API");
    }

    @Test
    void onePermutationOfEveryLaneIsTheScalarPermutation() {
        Random random = new Random(11);
        int width = lanes.lanes();
        for (int round = 0; round < 50; round++) {
            long[] wide = new long[KeccakSponge.LANES * width];
            long[][] single = new long[width][KeccakSponge.LANES];
            for (int lane = 0; lane < width; lane++) {
                for (int word = 0; word < KeccakSponge.LANES; word++) {
                    long value = random.nextLong();
                    single[lane][word] = value;
                    wide[word * width + lane] = value;
                }
            }
            lanes.permute(wide);
            for (int lane = 0; lane < width; lane++) {
                // absorbing a block of zeros is the bare permutation
                KeccakSponge.absorb(single[lane], new byte[RATE], 0, RATE);
                for (int word = 0; word < KeccakSponge.LANES; word++) {
                    assertThat(wide[word * width + lane])
                            .as("lane %d word %d", lane, word)
                            .isEqualTo(single[lane][word]);
                }
            }
        }
    }

    @Test
    void everyLengthUpToFourBlocksInOneBatchMatchesBouncyCastle() {
        Random random = new Random(12);
        List<byte[]> inputs = new ArrayList<>();
        for (int length = 0; length <= 4 * RATE + 2; length++) {
            inputs.add(randomBytes(random, length));
        }
        byte[][] digests = runBatch(inputs, lanes);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(digests[i]).as("length %d", i).isEqualTo(bouncyCastle(inputs.get(i)));
        }
    }

    @Test
    void randomBatchesOfRandomLengthsMatchTheScalarSponge() {
        Random random = new Random(13);
        for (int round = 0; round < 300; round++) {
            int count = random.nextInt(3 * lanes.lanes() + 2);
            List<byte[]> inputs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length =
                        switch (random.nextInt(4)) {
                            case 0 -> random.nextInt(40); // bloom values, short nodes
                            case 1 -> RATE * (1 + random.nextInt(4)) + random.nextInt(5) - 2;
                            case 2 -> random.nextInt(1_200); // transactions, receipts
                            default -> random.nextInt(6_000);
                        };
                inputs.add(randomBytes(random, Math.max(0, length)));
            }
            byte[][] viaLanes = runBatch(inputs, lanes);
            byte[][] viaScalar = runBatch(inputs, null);
            for (int i = 0; i < count; i++) {
                assertThat(viaLanes[i])
                        .as(
                                "round %d job %d of %d, %d bytes",
                                round, i, count, inputs.get(i).length)
                        .isEqualTo(Keccak256.hash(inputs.get(i)))
                        .isEqualTo(viaScalar[i]);
            }
        }
    }

    @Test
    void aLongJobAmongShortOnesFinishesOnTheScalarSpongeFromItsLane() {
        Random random = new Random(14);
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(randomBytes(random, 40 * RATE + 17));
        for (int i = 0; i < 2 * lanes.lanes(); i++) {
            inputs.add(randomBytes(random, 32));
        }
        inputs.add(randomBytes(random, 25 * RATE));
        byte[][] digests = runBatch(inputs, lanes);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(digests[i]).as("job %d", i).isEqualTo(bouncyCastle(inputs.get(i)));
        }
    }

    @Test
    void jobsReadRangesOfOneArrayAndWriteIntoAnotherWithoutTouchingTheRest() {
        Random random = new Random(15);
        byte[] shared = randomBytes(random, 20_000);
        int jobs = 40;
        byte[] out = randomBytes(random, 8 + jobs * 40);
        byte[] before = out.clone();
        KeccakBatch batch = new KeccakBatch();
        int[] offsets = new int[jobs];
        int[] lengths = new int[jobs];
        for (int j = 0; j < jobs; j++) {
            offsets[j] = random.nextInt(10_000);
            lengths[j] = random.nextInt(1_000);
            batch.add(shared, offsets[j], lengths[j], out, 8 + 40 * j);
        }
        assertThat(batch.size()).isEqualTo(jobs);
        batch.run(lanes);
        assertThat(batch.size()).isZero();
        for (int j = 0; j < jobs; j++) {
            byte[] input = Arrays.copyOfRange(shared, offsets[j], offsets[j] + lengths[j]);
            assertThat(Arrays.copyOfRange(out, 8 + 40 * j, 8 + 40 * j + 32))
                    .isEqualTo(bouncyCastle(input));
            assertThat(Arrays.copyOfRange(out, 8 + 40 * j + 32, 8 + 40 * (j + 1)))
                    .as("the gap after job %d", j)
                    .isEqualTo(Arrays.copyOfRange(before, 8 + 40 * j + 32, 8 + 40 * (j + 1)));
        }
        assertThat(Arrays.copyOf(out, 8)).isEqualTo(Arrays.copyOf(before, 8));
    }

    @Test
    void aDigestMayOverwriteItsOwnInput() {
        Random random = new Random(16);
        int jobs = 3 * lanes.lanes();
        byte[][] buffers = new byte[jobs][];
        byte[][] expected = new byte[jobs][];
        KeccakBatch batch = new KeccakBatch();
        for (int j = 0; j < jobs; j++) {
            buffers[j] = randomBytes(random, 32 + random.nextInt(500));
            expected[j] = bouncyCastle(buffers[j]);
            batch.add(buffers[j], 0, buffers[j].length, buffers[j], 0);
        }
        batch.run(lanes);
        for (int j = 0; j < jobs; j++) {
            assertThat(Arrays.copyOf(buffers[j], 32)).isEqualTo(expected[j]);
        }
    }

    @Test
    void aBatchIsReusableAfterARunAndTheDefaultEngineAgrees() {
        Random random = new Random(17);
        KeccakBatch batch = new KeccakBatch();
        for (int round = 0; round < 20; round++) {
            int count = 1 + random.nextInt(50);
            byte[][] inputs = new byte[count][];
            byte[][] outputs = new byte[count][32];
            for (int i = 0; i < count; i++) {
                inputs[i] = randomBytes(random, random.nextInt(700));
                batch.add(inputs[i], 0, inputs[i].length, outputs[i], 0);
            }
            batch.run();
            for (int i = 0; i < count; i++) {
                assertThat(outputs[i]).isEqualTo(Keccak256.hash(inputs[i]));
            }
        }
    }

    /** A batch sized for fewer jobs than it gets (none, one, a few) grows and hashes them all. */
    @Test
    void aBatchSizedForFewerJobsGrowsPastThem() {
        Random random = new Random(19);
        for (int expected : new int[] {0, 1, 3, 40}) {
            KeccakBatch batch = new KeccakBatch(expected);
            int count = 40 + random.nextInt(100);
            byte[][] inputs = new byte[count][];
            byte[][] outputs = new byte[count][32];
            for (int i = 0; i < count; i++) {
                inputs[i] = randomBytes(random, random.nextInt(300));
                batch.add(inputs[i], 0, inputs[i].length, outputs[i], 0);
            }
            batch.run();
            for (int i = 0; i < count; i++) {
                assertThat(outputs[i])
                        .as("sized %d, job %d", expected, i)
                        .isEqualTo(Keccak256.hash(inputs[i]));
            }
        }
    }

    @Test
    void knownAnswersComeOutOfTheLanesToo() {
        List<byte[]> inputs =
                List.of(
                        new byte[0],
                        Hex.decode("cc"),
                        Hex.decode("41fb"),
                        Hex.decode("616263"),
                        new byte[0],
                        Hex.decode("cc"));
        byte[][] digests = runBatch(inputs, lanes);
        assertThat(Hex.encode(digests[0]))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(Hex.encode(digests[1]))
                .isEqualTo("eead6dbfc7340a56caedc044696a168870549a6a7f6f56961e84a54bd9970b8a");
        assertThat(Hex.encode(digests[2]))
                .isEqualTo("a8eaceda4d47b3281a795ad9e1ea2122b407baf9aabcb9e18b5717b7873537d2");
        assertThat(Hex.encode(digests[3]))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
        assertThat(digests[4]).isEqualTo(digests[0]);
        assertThat(digests[5]).isEqualTo(digests[1]);
    }

    @Test
    void rangesOutsideTheArraysAreRefusedWhenAdded() {
        KeccakBatch batch = new KeccakBatch();
        assertThatThrownBy(() -> batch.add(new byte[10], 5, 6, new byte[32], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> batch.add(new byte[10], 0, 10, new byte[40], 9))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(batch.size()).isZero();
    }

    private static byte[][] runBatch(List<byte[]> inputs, KeccakLanes engine) {
        KeccakBatch batch = new KeccakBatch();
        byte[][] digests = new byte[inputs.size()][32];
        for (int i = 0; i < inputs.size(); i++) {
            batch.add(inputs.get(i), 0, inputs.get(i).length, digests[i], 0);
        }
        batch.run(engine);
        return digests;
    }

    private static byte[] bouncyCastle(byte[] input) {
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
}
