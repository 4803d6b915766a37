package io.annals.core.types;

import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * EIP-1559: {@code 0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value,
 * input, accessList, yParity, r, s])}.
 */
public record DynamicFeeTransaction(
        long chainIdValue,
        long nonce,
        BigInteger maxPriorityFeePerGas,
        BigInteger maxFeePerGas,
        long gasLimit,
        Address to,
        BigInteger value,
        ByteSlice input,
        List<AccessListEntry> accessList,
        int yParity,
        BigInteger r,
        BigInteger s)
        implements TransactionFields {

    public DynamicFeeTransaction {
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(input, "input");
        accessList = List.copyOf(accessList);
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    @Override
    public TransactionType type() {
        return TransactionType.DYNAMIC_FEE;
    }

    @Override
    public OptionalLong chainId() {
        return OptionalLong.of(chainIdValue);
    }

    @Override
    public int recoveryId() {
        return yParity;
    }

    @Override
    public DynamicFeeTransaction withSignature(int recoveryId, BigInteger r, BigInteger s) {
        return new DynamicFeeTransaction(
                chainIdValue,
                nonce,
                maxPriorityFeePerGas,
                maxFeePerGas,
                gasLimit,
                to,
                value,
                input,
                accessList,
                recoveryId,
                r,
                s);
    }
}
