package io.annals.rpc.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Fork;
import io.annals.core.chain.Hardfork;
import io.annals.core.types.BlockHeader;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

/**
 * The blob base fee of a block (EIP-4844): {@code fake_exponential(1, excessBlobGas,
 * BLOB_BASE_FEE_UPDATE_FRACTION)}, with the update fraction of the blob schedule in force at the
 * block (EIP-7691 for Prague, EIP-7892's blob-parameter-only forks after Osaka). The fractions are
 * go-ethereum's defaults ({@code params/config.go}); Osaka keeps Prague's.
 */
public final class BlobFees {
    private static final Map<Hardfork, Long> UPDATE_FRACTIONS =
            new EnumMap<>(
                    Map.of(
                            Hardfork.CANCUN, 3_338_477L,
                            Hardfork.PRAGUE, 5_007_716L,
                            Hardfork.BPO1, 8_346_193L,
                            Hardfork.BPO2, 11_684_671L,
                            Hardfork.BPO3, 20_609_697L,
                            Hardfork.BPO4, 13_739_630L));
    private static final BigInteger MIN_BLOB_BASE_FEE = BigInteger.ONE;

    /** e^178 > 2^256: past this exponent the fee has no uint256 value. */
    private static final long MAX_EXPONENT = 178;

    private final ChainSpec chain;

    public BlobFees(ChainSpec chain) {
        this.chain = chain;
    }

    /**
     * The blob base fee in wei; null for a header without {@code excessBlobGas} (before Cancun),
     * and for one whose excess is so large that the fee would not fit 256 bits, which no valid
     * chain has (the series would take that many thousand terms: it is not computed for a stored
     * header nobody validated it).
     */
    public BigInteger blobBaseFee(BlockHeader header) {
        if (header.excessBlobGas().isEmpty()) {
            return null;
        }
        long excess = header.excessBlobGas().getAsLong();
        long fraction = updateFraction(header.number(), header.timestamp());
        if (Long.compareUnsigned(excess, MAX_EXPONENT * fraction) > 0) {
            return null;
        }
        return fakeExponential(
                MIN_BLOB_BASE_FEE, BigInteger.valueOf(excess), BigInteger.valueOf(fraction));
    }

    /**
     * The fraction of the latest scheduled fork active at the block that sets one. A chain whose
     * schedule has no blob fork at all (yet has a blob header) gets Cancun's.
     */
    long updateFraction(long number, long timestamp) {
        long fraction = UPDATE_FRACTIONS.get(Hardfork.CANCUN);
        for (Fork fork : chain.forks()) {
            Long forkFraction = UPDATE_FRACTIONS.get(fork.hardfork());
            if (forkFraction != null && fork.isActiveAt(number, timestamp)) {
                fraction = forkFraction;
            }
        }
        return fraction;
    }

    /** EIP-4844's integer approximation of {@code factor * e ** (numerator / denominator)}. */
    static BigInteger fakeExponential(
            BigInteger factor, BigInteger numerator, BigInteger denominator) {
        BigInteger output = BigInteger.ZERO;
        BigInteger accumulator = factor.multiply(denominator);
        for (int i = 1; accumulator.signum() > 0; i++) {
            output = output.add(accumulator);
            accumulator =
                    accumulator
                            .multiply(numerator)
                            .divide(denominator.multiply(BigInteger.valueOf(i)));
        }
        return output.divide(denominator);
    }
}
