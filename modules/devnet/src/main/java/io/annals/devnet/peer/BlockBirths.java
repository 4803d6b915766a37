package io.annals.devnet.peer;

/**
 * When the devnet produced each recent block, for the missing-tip fault's "until it is D old". A
 * ring of the last 8,192 numbers; a block not in it (generated before the devnet started, or long
 * ago) counts as old. Written by the head thread, read by serving threads.
 */
public final class BlockBirths {
    private static final int SLOTS = 8_192;

    private final long[] numbers = new long[SLOTS];
    private final long[] millis = new long[SLOTS];

    public BlockBirths() {
        java.util.Arrays.fill(numbers, -1);
    }

    public synchronized void record(long number, long atMillis) {
        int slot = (int) Long.remainderUnsigned(number, SLOTS);
        numbers[slot] = number;
        millis[slot] = atMillis;
    }

    /**
     * How long ago block {@code number} was produced; {@link Long#MAX_VALUE} when unknown (old).
     */
    public synchronized long ageMillis(long number, long nowMillis) {
        int slot = (int) Long.remainderUnsigned(number, SLOTS);
        return numbers[slot] == number ? nowMillis - millis[slot] : Long.MAX_VALUE;
    }
}
