package io.annals.core.types;

import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * EIP-2930: {@code 0x01 || rlp([chainId, nonce, gasPrice, gas, to, value, input, accessList,
 * yParity, r, s])}.
 */
public record AccessListTransaction(
        long chainIdValue,
        long nonce,
        BigInteger gasPrice,
        long gasLimit,
        Address to,
        BigInteger value,
        ByteSlice input,
        List<AccessListEntry> accessList,
        int yParity,
        BigInteger r,
        BigInteger s)
        implements TransactionFields {

    public AccessListTransaction {
        Objects.requireNonNull(gasPrice, "gasPrice");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(input, "input");
        accessList = List.copyOf(accessList);
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    @Override
    public TransactionType type() {
        return TransactionType.ACCESS_LIST;
    }

    @Override
    public OptionalLong chainId() {
        return OptionalLong.of(chainIdValue);
    }

    @Override
    public BigInteger maxFeePerGas() {
        return gasPrice;
    }

    @Override
    public BigInteger maxPriorityFeePerGas() {
        return gasPrice;
    }

    @Override
    public int recoveryId() {
        return yParity;
    }

    @Override
    public AccessListTransaction withSignature(int recoveryId, BigInteger r, BigInteger s) {
        return new AccessListTransaction(
                chainIdValue,
                nonce,
                gasPrice,
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
