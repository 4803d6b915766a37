package io.annals.rpc.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Hardfork;
import io.annals.core.types.BlockHeader;
import java.math.BigInteger;

/**
 * The EIP-1559 base fee of the block after a given one, as go-ethereum computes it ({@code
 * consensus/misc/eip1559.CalcBaseFee}): 1 gwei for the first London block, else the parent's base
 * fee moved by at most 1/8 towards the gas target (half the gas limit); zero before London.
 *
 * @see <a href="https://eips.ethereum.org/EIPS/eip-1559">EIP-1559</a>
 */
final class BaseFees {
    static final BigInteger INITIAL_BASE_FEE = BigInteger.valueOf(1_000_000_000L);
    private static final long ELASTICITY_MULTIPLIER = 2;
    private static final long BASE_FEE_CHANGE_DENOMINATOR = 8;

    private final ChainSpec chain;

    BaseFees(ChainSpec chain) {
        this.chain = chain;
    }

    /** The next block's base fee; zero when the next block is before London. */
    BigInteger next(BlockHeader parent) {
        // the fork is by block number: the next block's timestamp plays no part
        if (!chain.isActive(Hardfork.LONDON, parent.number() + 1, parent.timestamp())) {
            return BigInteger.ZERO;
        }
        if (!chain.isActive(Hardfork.LONDON, parent.number(), parent.timestamp())
                || parent.baseFeePerGas().isEmpty()) {
            return INITIAL_BASE_FEE;
        }
        BigInteger baseFee = parent.baseFeePerGas().get();
        long target = parent.gasLimit() / ELASTICITY_MULTIPLIER;
        long used = parent.gasUsed();
        if (used == target || target == 0) {
            return baseFee;
        }
        if (used > target) {
            BigInteger delta =
                    BigInteger.valueOf(used - target)
                            .multiply(baseFee)
                            .divide(BigInteger.valueOf(target))
                            .divide(BigInteger.valueOf(BASE_FEE_CHANGE_DENOMINATOR));
            return baseFee.add(delta.max(BigInteger.ONE));
        }
        BigInteger delta =
                BigInteger.valueOf(target - used)
                        .multiply(baseFee)
                        .divide(BigInteger.valueOf(target))
                        .divide(BigInteger.valueOf(BASE_FEE_CHANGE_DENOMINATOR));
        return baseFee.subtract(delta).max(BigInteger.ZERO);
    }
}
