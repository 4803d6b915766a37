package io.annals.core.chain;

import java.math.BigInteger;

/**
 * The Merge (Paris, EIP-3675): the chain stopped accepting proof-of-work blocks once total
 * difficulty reached {@code terminalTotalDifficulty}; {@code firstBlock} is the number of the first
 * proof-of-stake block. A chain that starts merged has both at zero.
 */
public record Merge(BigInteger terminalTotalDifficulty, long firstBlock) {
    public Merge {
        if (terminalTotalDifficulty == null || terminalTotalDifficulty.signum() < 0) {
            throw new IllegalArgumentException(
                    "terminal total difficulty must be a non-negative number");
        }
        if (firstBlock < 0) {
            throw new IllegalArgumentException(
                    "first proof-of-stake block must not be negative: " + firstBlock);
        }
    }

    /** Whether block {@code blockNumber} is a proof-of-stake block. */
    public boolean isPostMerge(long blockNumber) {
        return blockNumber >= firstBlock;
    }
}
