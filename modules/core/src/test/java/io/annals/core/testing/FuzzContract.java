package io.annals.core.testing;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The contract every fuzz target asserts of a decoder of outside bytes (docs/reliability.md):
 *
 * <ul>
 *   <li>it fails only with its own exception types; anything else (an {@code
 *       ArrayIndexOutOfBoundsException}, a {@code NullPointerException}, a {@code
 *       StackOverflowError}) is a finding;
 *   <li>it allocates in proportion to its input, never what a length field claims: the bytes the
 *       decoding thread allocates stay within {@code factor × input + slack} (measured with the
 *       JVM's per-thread allocation counter, so a decoder that reserves 16 MiB because a header
 *       said so is caught even when the input is 10 bytes);
 *   <li>it does not hang: libFuzzer's per-input timeout ({@code -timeout}) turns a hang into a
 *       finding;
 *   <li>where an encoder exists, decode∘encode is the identity on what decodes (asserted by the
 *       target with {@link #requireEqual}).
 * </ul>
 */
public final class FuzzContract {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

    /** Allocation the JVM and the fuzzer's instrumentation may add to any call. */
    private static final long SLACK = 1 << 20;

    private final long factor;
    private final long slack;
    private final boolean repeatable;
    private final Class<?>[] expected;

    private FuzzContract(long factor, long slack, boolean repeatable, Class<?>[] expected) {
        this.factor = factor;
        this.slack = slack;
        this.repeatable = repeatable;
        this.expected = expected;
    }

    /**
     * A decoder that may fail only with {@code expected} exceptions and may allocate at most {@code
     * factor} bytes per input byte (plus a fixed slack).
     */
    @SafeVarargs
    public static FuzzContract of(long factor, Class<? extends Throwable>... expected) {
        return new FuzzContract(factor, SLACK, true, expected);
    }

    /**
     * The same with a larger fixed allowance, for decoders that do a fixed amount of work whatever
     * the input (a key agreement allocates about 1 MiB in BouncyCastle).
     */
    @SafeVarargs
    public static FuzzContract of(long factor, long slack, Class<? extends Throwable>... expected) {
        return new FuzzContract(factor, slack, true, expected);
    }

    /**
     * The same contract for a decoder with state (a handshake that consumes its packet), which
     * cannot be run twice on one input: a call that loaded classes is not held to the bound.
     */
    public FuzzContract stateful() {
        return new FuzzContract(factor, slack, false, expected);
    }

    /**
     * Runs {@code decode} on an input of {@code inputLength} bytes.
     *
     * @return the decoded value, or null when it failed with an expected exception
     * @throws AssertionError when it failed otherwise or allocated beyond the bound
     */
    public <T> T decode(int inputLength, Supplier<T> decode) {
        long bound = factor * inputLength + slack;
        Outcome<T> first = measure(decode);
        if (first.allocated > bound && repeatable) {
            // A run can pay for what is not the input's doing: loading (and instrumenting) the
            // classes of a new path, or a one-time allocation of the process (the request
            // parser's campaign caught 1.3 MB once per run that no input repeats). A decoder is
            // deterministic, so a second run measures the decoder alone: an amplification the
            // input causes allocates again.
            Outcome<T> second = measure(decode);
            requireWithin(inputLength, second.allocated, bound);
            return first.value;
        }
        if (first.allocated > bound && first.loadedClasses) {
            // one with state cannot run twice: a call that loaded classes is not measured
            return first.value;
        }
        requireWithin(inputLength, first.allocated, bound);
        return first.value;
    }

    private static void requireWithin(int inputLength, long allocated, long bound) {
        if (allocated > bound) {
            throw new AssertionError(
                    "decoding "
                            + inputLength
                            + " bytes allocated "
                            + allocated
                            + " bytes, more than the bound "
                            + bound);
        }
    }

    private record Outcome<T>(T value, long allocated, boolean loadedClasses) {}

    private <T> Outcome<T> measure(Supplier<T> decode) {
        long thread = Thread.currentThread().getId();
        long classes = CLASSES.getTotalLoadedClassCount();
        long before = THREADS.getThreadAllocatedBytes(thread);
        T result;
        try {
            result = decode.get();
        } catch (Throwable e) {
            if (!isExpected(e)) {
                throw new AssertionError(
                        "decoder failed with "
                                + e.getClass().getName()
                                + ", not one of "
                                + Arrays.stream(expected).map(Class::getSimpleName).toList(),
                        e);
            }
            result = null;
        }
        long allocated = THREADS.getThreadAllocatedBytes(thread) - before;
        return new Outcome<>(result, allocated, CLASSES.getTotalLoadedClassCount() != classes);
    }

    /** Runs {@code action}, which may fail only with the expected exceptions. */
    public void run(int inputLength, Runnable action) {
        decode(
                inputLength,
                () -> {
                    action.run();
                    return Boolean.TRUE;
                });
    }

    private boolean isExpected(Throwable e) {
        for (Class<?> type : expected) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }

    /** The round-trip check: re-encoding what decoded gives back the input. */
    public static void requireEqual(byte[] input, byte[] reencoded, String what) {
        if (!Arrays.equals(input, reencoded)) {
            throw new AssertionError(
                    what
                            + ": decode then encode is not the identity ("
                            + input.length
                            + " bytes in, "
                            + reencoded.length
                            + " out)");
        }
    }
}
