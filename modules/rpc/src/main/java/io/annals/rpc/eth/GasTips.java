package io.annals.rpc.eth;

import io.annals.core.rlp.RlpException;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionFields;
import java.math.BigInteger;

/**
 * The tip a transaction paid its block's proposer, as go-ethereum's {@code
 * Transaction.EffectiveGasTip} computes it: {@code min(maxPriorityFeePerGas, maxFeePerGas -
 * baseFee)} in 256-bit unsigned arithmetic (a fee cap below the base fee wraps around, so the
 * priority fee wins; a mined transaction never has one), with a zero base fee before London. A
 * legacy transaction's fee cap and tip are both its gas price.
 */
final class GasTips {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private GasTips() {}

    /** The effective tip; null for a transaction of a type this code cannot decode. */
    static BigInteger effective(Transaction tx, BigInteger baseFee) {
        TransactionFields f;
        try {
            f = tx.fields();
        } catch (RlpException unknownType) {
            return null;
        }
        BigInteger headroom =
                f.maxFeePerGas().subtract(baseFee == null ? BigInteger.ZERO : baseFee);
        if (headroom.signum() < 0) {
            headroom = headroom.add(TWO_256);
        }
        return f.maxPriorityFeePerGas().min(headroom);
    }
}
