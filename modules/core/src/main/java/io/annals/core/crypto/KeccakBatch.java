package io.annals.core.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Many independent Keccak-256 hashes computed together: a block's transaction hashes, one level of
 * a trie's nodes, a block's bloom values. Add the inputs with {@link #add}, then {@link #run()}
 * writes every digest where its job asked and empties the batch for reuse.
 *
 * <p>With the Vector API present ({@code --add-modules jdk.incubator.vector}) and a CPU with wide
 * long vectors, the jobs share the lanes of {@link VectorKeccakLanes}: each lane absorbs its own
 * input block by block and takes the next job as soon as its digest is out, so inputs of different
 * lengths keep the lanes busy. When fewer jobs are left than make a permutation of all lanes worth
 * it, the rest finish on the scalar {@link KeccakSponge}, from the lane's state. Without the module
 * every job runs on the scalar sponge; the digests are the same either way ({@code KeccakBatchTest}
 * checks lanes against scalar over random inputs of every length around the block boundaries).
 *
 * <p>Jobs are independent: no job's output may overlap another job's input within one run (the
 * lanes read inputs while they write other jobs' digests); a job's output may overlap its own
 * input. Not thread-safe; one batch per thread.
 */
public final class KeccakBatch {
    private static final int RATE = KeccakSponge.RATE;
    private static final int RATE_LANES = RATE / 8;
    private static final int DIGEST_LANES = KeccakSponge.DIGEST_SIZE / 8;
    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A permutation of all lanes costs about as much as this many scalar ones (docs/benchmarks.md,
     * {@code KeccakBatchBench}); with fewer busy lanes the scalar sponge finishes the rest.
     */
    static final int MIN_BUSY_LANES = 3;

    /** Fewer lanes than this are not worth the Vector API (a CPU without 256-bit vectors). */
    private static final int MIN_USEFUL_LANES = 4;

    private static final KeccakLanes LANES = loadLanes();

    private byte[][] inputs;
    private int[] offsets;
    private int[] lengths;
    private byte[][] outputs;
    private int[] outputOffsets;
    private int size;

    /** Per lane: its job (-1 when idle), the next input byte, the input's end. */
    private long[] state;

    private int[] laneJob;
    private int[] laneAt;
    private int[] laneEnd;
    private final long[] drainState = new long[KeccakSponge.LANES];

    /** A batch for a number of jobs not known in advance (it grows as they are added). */
    public KeccakBatch() {
        this(16);
    }

    /**
     * A batch sized for {@code expectedJobs} (it still grows past them): a batch made for one
     * block's hashes, sized by them, never copies its job arrays.
     */
    public KeccakBatch(int expectedJobs) {
        int capacity = Math.max(1, expectedJobs);
        inputs = new byte[capacity][];
        offsets = new int[capacity];
        lengths = new int[capacity];
        outputs = new byte[capacity][];
        outputOffsets = new int[capacity];
    }

    /**
     * Adds the hash of {@code input[offset, offset + length)} into {@code out[outOffset, outOffset
     * + 32)}; nothing is read or written before {@link #run()}.
     */
    public KeccakBatch add(byte[] input, int offset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, input.length);
        Objects.checkFromIndexSize(outOffset, KeccakSponge.DIGEST_SIZE, out.length);
        if (size == inputs.length) {
            grow();
        }
        inputs[size] = input;
        offsets[size] = offset;
        lengths[size] = length;
        outputs[size] = out;
        outputOffsets[size] = outOffset;
        size++;
        return this;
    }

    /** The jobs added since the last run. */
    public int size() {
        return size;
    }

    /** Computes every job's digest and empties the batch. */
    public void run() {
        run(LANES);
    }

    /**
     * What hashes a batch on this JVM: "scalar", or the lanes of the Vector API ("8 lanes, Vector
     * API").
     */
    public static String engine() {
        return LANES == null ? "scalar" : LANES.lanes() + " lanes, Vector API";
    }

    /** Runs on {@code lanes}, or on the scalar sponge when null; for tests and benchmarks. */
    void run(KeccakLanes lanes) {
        try {
            if (lanes != null && size >= MIN_BUSY_LANES) {
                runLanes(lanes);
            } else {
                for (int j = 0; j < size; j++) {
                    KeccakSponge.hash(
                            inputs[j], offsets[j], lengths[j], outputs[j], outputOffsets[j]);
                }
            }
        } finally {
            Arrays.fill(inputs, 0, size, null);
            Arrays.fill(outputs, 0, size, null);
            size = 0;
        }
    }

    /** The lane engine of this JVM, or null when only the scalar sponge is available. */
    static KeccakLanes lanes() {
        return LANES;
    }

    private void runLanes(KeccakLanes engine) {
        int lanes = engine.lanes();
        if (state == null || state.length != KeccakSponge.LANES * lanes) {
            state = new long[KeccakSponge.LANES * lanes];
            laneJob = new int[lanes];
            laneAt = new int[lanes];
            laneEnd = new int[lanes];
        } else {
            Arrays.fill(state, 0L);
        }
        int next = 0;
        int busy = 0;
        for (int lane = 0; lane < lanes; lane++) {
            laneJob[lane] = -1;
            if (next < size) {
                start(lane, next++);
                busy++;
            }
        }
        while (busy > 0) {
            if (next == size && busy < MIN_BUSY_LANES) {
                drain(lanes);
                return;
            }
            for (int lane = 0; lane < lanes; lane++) {
                if (laneJob[lane] >= 0) {
                    absorb(lane, lanes);
                }
            }
            engine.permute(state);
            for (int lane = 0; lane < lanes; lane++) {
                if (laneJob[lane] >= 0 && laneAt[lane] > laneEnd[lane]) {
                    squeeze(lane, lanes);
                    if (next < size) {
                        start(lane, next++);
                    } else {
                        laneJob[lane] = -1;
                        busy--;
                    }
                }
            }
        }
    }

    private void start(int lane, int job) {
        laneJob[lane] = job;
        laneAt[lane] = offsets[job];
        laneEnd[lane] = offsets[job] + lengths[job];
    }

    /**
     * XORs the lane's next block into its state: a whole block, or the final one with the padding,
     * after which the lane's position is past its end.
     */
    private void absorb(int lane, int lanes) {
        byte[] in = inputs[laneJob[lane]];
        int at = laneAt[lane];
        int remaining = laneEnd[lane] - at;
        if (remaining >= RATE) {
            for (int word = 0; word < RATE_LANES; word++) {
                state[word * lanes + lane] ^= (long) LE_LONG.get(in, at + 8 * word);
            }
            laneAt[lane] = at + RATE;
        } else {
            for (int word = 0; word < RATE_LANES; word++) {
                state[word * lanes + lane] ^= KeccakSponge.finalLane(in, at, remaining, word);
            }
            laneAt[lane] = laneEnd[lane] + 1;
        }
    }

    /** Writes the lane's digest to its job's output and clears the lane for the next job. */
    private void squeeze(int lane, int lanes) {
        int job = laneJob[lane];
        for (int word = 0; word < DIGEST_LANES; word++) {
            LE_LONG.set(outputs[job], outputOffsets[job] + 8 * word, state[word * lanes + lane]);
        }
        for (int word = 0; word < KeccakSponge.LANES; word++) {
            state[word * lanes + lane] = 0;
        }
    }

    /** Finishes the busy lanes' jobs on the scalar sponge, each from its lane's state. */
    private void drain(int lanes) {
        for (int lane = 0; lane < lanes; lane++) {
            int job = laneJob[lane];
            if (job < 0) {
                continue;
            }
            for (int word = 0; word < KeccakSponge.LANES; word++) {
                drainState[word] = state[word * lanes + lane];
            }
            KeccakSponge.finish(
                    drainState,
                    inputs[job],
                    laneAt[lane],
                    laneEnd[lane] - laneAt[lane],
                    outputs[job],
                    outputOffsets[job]);
        }
    }

    private void grow() {
        int capacity = inputs.length * 2;
        inputs = Arrays.copyOf(inputs, capacity);
        offsets = Arrays.copyOf(offsets, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
        outputs = Arrays.copyOf(outputs, capacity);
        outputOffsets = Arrays.copyOf(outputOffsets, capacity);
    }

    /**
     * The Vector API lanes when the module is in the boot layer and the CPU's longest long vector
     * has at least four lanes; else null. Loaded by name, so that this class never links against
     * the incubating module when it is absent.
     */
    private static KeccakLanes loadLanes() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            KeccakLanes lanes =
                    (KeccakLanes)
                            Class.forName("io.annals.core.crypto.VectorKeccakLanes")
                                    .getDeclaredConstructor()
                                    .newInstance();
            return lanes.lanes() >= MIN_USEFUL_LANES ? lanes : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
