package io.annals.core.types;

import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * EIP-7702: {@code 0x04 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value,
 * input, accessList, authorizationList, yParity, r, s])}. {@code to} is always set.
 */
public record SetCodeTransaction(
        long chainIdValue,
        long nonce,
        BigInteger maxPriorityFeePerGas,
        BigInteger maxFeePerGas,
        long gasLimit,
        Address to,
        BigInteger value,
        ByteSlice input,
        List<AccessListEntry> accessList,
        List<Authorization> authorizationList,
        int yParity,
        BigInteger r,
        BigInteger s)
        implements TransactionFields {

    public SetCodeTransaction {
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(to, "a set-code transaction needs a recipient");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(input, "input");
        accessList = List.copyOf(accessList);
        authorizationList = List.copyOf(authorizationList);
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    @Override
    public TransactionType type() {
        return TransactionType.SET_CODE;
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
    public SetCodeTransaction withSignature(int recoveryId, BigInteger r, BigInteger s) {
        return new SetCodeTransaction(
                chainIdValue,
                nonce,
                maxPriorityFeePerGas,
                maxFeePerGas,
                gasLimit,
                to,
                value,
                input,
                accessList,
                authorizationList,
                recoveryId,
                r,
                s);
    }
}
