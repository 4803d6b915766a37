package io.annals.rpc.eth.json;

import io.annals.core.types.AccessListTransaction;
import io.annals.core.types.LegacyTransaction;
import io.annals.core.types.TransactionFields;
import java.math.BigInteger;

/** The price per gas a transaction paid, as go-ethereum reports it in transactions and receipts. */
public final class GasPrices {
    private GasPrices() {}

    /**
     * {@code gasPrice} for legacy and access-list transactions; for fee-market types {@code
     * min(maxPriorityFeePerGas + baseFee, maxFeePerGas)} (EIP-1559), or the fee cap when the block
     * has no base fee.
     */
    public static BigInteger effective(TransactionFields tx, BigInteger baseFee) {
        if (tx instanceof LegacyTransaction legacy) {
            return legacy.gasPrice();
        }
        if (tx instanceof AccessListTransaction accessList) {
            return accessList.gasPrice();
        }
        if (baseFee == null) {
            return tx.maxFeePerGas();
        }
        return tx.maxPriorityFeePerGas().add(baseFee).min(tx.maxFeePerGas());
    }
}
