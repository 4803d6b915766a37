package io.annals.core.types;

import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * EIP-4844, in the form blocks carry: {@code 0x03 || rlp([chainId, nonce, maxPriorityFeePerGas,
 * maxFeePerGas, gas, to, value, input, accessList, maxFeePerBlobGas, blobVersionedHashes, yParity,
 * r, s])}. The network form with blobs, commitments and proofs exists only in transaction-pool
 * messages. A blob transaction cannot create a contract: {@code to} is always set.
 */
public record BlobTransaction(
        long chainIdValue,
        long nonce,
        BigInteger maxPriorityFeePerGas,
        BigInteger maxFeePerGas,
        long gasLimit,
        Address to,
        BigInteger value,
        ByteSlice input,
        List<AccessListEntry> accessList,
        BigInteger maxFeePerBlobGas,
        List<Hash> blobVersionedHashes,
        int yParity,
        BigInteger r,
        BigInteger s)
        implements TransactionFields {

    public BlobTransaction {
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(to, "a blob transaction needs a recipient");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(input, "input");
        accessList = List.copyOf(accessList);
        Objects.requireNonNull(maxFeePerBlobGas, "maxFeePerBlobGas");
        blobVersionedHashes = List.copyOf(blobVersionedHashes);
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    @Override
    public TransactionType type() {
        return TransactionType.BLOB;
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
    public BlobTransaction withSignature(int recoveryId, BigInteger r, BigInteger s) {
        return new BlobTransaction(
                chainIdValue,
                nonce,
                maxPriorityFeePerGas,
                maxFeePerGas,
                gasLimit,
                to,
                value,
                input,
                accessList,
                maxFeePerBlobGas,
                blobVersionedHashes,
                recoveryId,
                r,
                s);
    }
}
