package io.annals.rpc.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Fork;
import io.annals.core.chain.Hardfork;
import io.annals.core.types.BlockHeader;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Blob gas prices (EIP-4844) with the blob schedule in force at a block: EIP-7691 for Prague,
 * EIP-7892's blob-parameter-only forks after Osaka, and EIP-7918's reserve price in the excess rule
 * from Osaka on. The schedule is go-ethereum's defaults ({@code params/config.go}, {@code
 * Default*BlobConfig}); as in geth ({@code consensus/misc/eip4844}), Osaka keeps Prague's.
 */
public final class BlobFees {
    /** One fork's blob parameters. */
    record Schedule(int target, int max, long updateFraction) {
        long maxBlobGas() {
            return max * GAS_PER_BLOB;
        }

        long targetBlobGas() {
            return target * GAS_PER_BLOB;
        }
    }

    /** EIP-4844's {@code GAS_PER_BLOB}. */
    static final long GAS_PER_BLOB = 1 << 17;

    /** EIP-7918's {@code BLOB_BASE_COST}. */
    private static final long BLOB_BASE_COST = 1 << 13;

    private static final Map<Hardfork, Schedule> SCHEDULES =
            new EnumMap<>(
                    Map.of(
                            Hardfork.CANCUN, new Schedule(3, 6, 3_338_477L),
                            Hardfork.PRAGUE, new Schedule(6, 9, 5_007_716L),
                            Hardfork.BPO1, new Schedule(10, 15, 8_346_193L),
                            Hardfork.BPO2, new Schedule(14, 21, 11_684_671L),
                            Hardfork.BPO3, new Schedule(21, 32, 20_609_697L),
                            Hardfork.BPO4, new Schedule(14, 21, 13_739_630L)));
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
        return blobBaseFee(
                header.excessBlobGas().getAsLong(), schedule(header.number(), header.timestamp()));
    }

    /**
     * The blob base fee of the block after {@code header} (geth's fee history: the excess computed
     * from this header at its own timestamp); null before Cancun.
     */
    BigInteger nextBlobBaseFee(BlockHeader header) {
        if (header.excessBlobGas().isEmpty()) {
            return null;
        }
        Schedule schedule = schedule(header.number(), header.timestamp());
        return blobBaseFee(nextExcessBlobGas(header, schedule), schedule);
    }

    /** Blob gas used over the most a block may use; 0 when no blob schedule is in force. */
    double blobGasUsedRatio(BlockHeader header) {
        if (header.blobGasUsed().isEmpty()) {
            return 0;
        }
        long max = schedule(header.number(), header.timestamp()).maxBlobGas();
        return max == 0 ? 0 : (double) header.blobGasUsed().getAsLong() / max;
    }

    /** EIP-4844's excess rule, with EIP-7918's reserve price from Osaka on. */
    private long nextExcessBlobGas(BlockHeader parent, Schedule schedule) {
        long parentExcess = parent.excessBlobGas().orElse(0);
        long parentUsed = parent.blobGasUsed().orElse(0);
        long excess = parentExcess + parentUsed;
        if (excess < schedule.targetBlobGas()) {
            return 0;
        }
        if (chain.isActive(Hardfork.OSAKA, parent.number(), parent.timestamp())) {
            BigInteger reservePrice =
                    BigInteger.valueOf(BLOB_BASE_COST)
                            .multiply(parent.baseFeePerGas().orElse(BigInteger.ZERO));
            BigInteger blobPrice =
                    blobBaseFee(parentExcess, schedule).multiply(BigInteger.valueOf(GAS_PER_BLOB));
            if (reservePrice.compareTo(blobPrice) > 0) {
                return parentExcess
                        + parentUsed * (schedule.max() - schedule.target()) / schedule.max();
            }
        }
        return excess - schedule.targetBlobGas();
    }

    private static BigInteger blobBaseFee(long excess, Schedule schedule) {
        if (Long.compareUnsigned(excess, MAX_EXPONENT * schedule.updateFraction()) > 0) {
            return null;
        }
        return fakeExponential(
                MIN_BLOB_BASE_FEE,
                BigInteger.valueOf(excess),
                BigInteger.valueOf(schedule.updateFraction()));
    }

    /** The update fraction of the blob schedule in force at the block. */
    long updateFraction(long number, long timestamp) {
        return schedule(number, timestamp).updateFraction();
    }

    /**
     * The schedule of the latest scheduled fork active at the block that sets one. A chain whose
     * schedule has no blob fork at all (yet has a blob header) gets Cancun's.
     */
    Schedule schedule(long number, long timestamp) {
        Schedule schedule = SCHEDULES.get(Hardfork.CANCUN);
        for (Fork fork : chain.forks()) {
            Schedule forkSchedule = SCHEDULES.get(fork.hardfork());
            if (forkSchedule != null && fork.isActiveAt(number, timestamp)) {
                schedule = forkSchedule;
            }
        }
        return schedule;
    }

    /** Whether a blob schedule is in force at the block (Cancun or later). */
    boolean scheduled(long number, long timestamp) {
        Optional<Fork> cancun = chain.fork(Hardfork.CANCUN);
        return cancun.isPresent() && cancun.get().isActiveAt(number, timestamp);
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
