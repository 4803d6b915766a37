package io.annals.core.era;

import io.annals.core.chain.KnownEpochs;
import io.annals.core.types.Hash;
import java.math.BigInteger;
import java.util.Optional;

/**
 * What verifying one era file established: its range and end points (for the links and the total
 * difficulty across files), the accumulator root and how it compared with the chain's published
 * roots, and one CRC-32C of each block's bytes, so that the second read (the one that stores) can
 * tell it reads what was verified without repeating the roots.
 */
public record EpochCheck(
        long startBlock,
        int blockCount,
        Hash firstParentHash,
        Hash lastHash,
        Optional<BigInteger> initialTotalDifficulty,
        Optional<BigInteger> finalTotalDifficulty,
        Optional<Hash> accumulatorRoot,
        KnownEpochs.Verdict trust,
        int[] blockCrcs) {

    public long lastBlock() {
        return startBlock + blockCount - 1;
    }
}
