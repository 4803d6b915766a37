package io.annals.core.chain;

/**
 * One scheduled network upgrade: the fork and the block number or timestamp (seconds since the
 * epoch), as its {@link Hardfork#trigger() trigger} says, from which it applies.
 */
public record Fork(Hardfork hardfork, long activation) {
    public Fork {
        if (hardfork == null) {
            throw new IllegalArgumentException("a fork needs a hardfork");
        }
        if (activation < 0) {
            throw new IllegalArgumentException(
                    hardfork
                            + " activates at a negative "
                            + hardfork.trigger().configKey()
                            + ": "
                            + activation);
        }
    }

    public static Fork atBlock(Hardfork hardfork, long blockNumber) {
        requireTrigger(hardfork, Hardfork.Trigger.BLOCK);
        return new Fork(hardfork, blockNumber);
    }

    public static Fork atTimestamp(Hardfork hardfork, long timestamp) {
        requireTrigger(hardfork, Hardfork.Trigger.TIMESTAMP);
        return new Fork(hardfork, timestamp);
    }

    /** Whether this fork applies to a block with this number and timestamp. */
    public boolean isActiveAt(long blockNumber, long timestamp) {
        long head = hardfork.trigger() == Hardfork.Trigger.BLOCK ? blockNumber : timestamp;
        return head >= activation;
    }

    private static void requireTrigger(Hardfork hardfork, Hardfork.Trigger trigger) {
        if (hardfork.trigger() != trigger) {
            throw new IllegalArgumentException(
                    hardfork
                            + " activates by "
                            + hardfork.trigger().configKey()
                            + ", not by "
                            + trigger.configKey());
        }
    }

    @Override
    public String toString() {
        return hardfork + "@" + hardfork.trigger().configKey() + " " + activation;
    }
}
