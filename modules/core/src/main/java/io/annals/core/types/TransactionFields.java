package io.annals.core.types;

import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;

/**
 * The decoded fields of a transaction, one record per envelope type, for RPC and for building new
 * transactions. Sync never needs them: it works on {@link Transaction}'s raw bytes and hash.
 *
 * <p>Numbers that may exceed 64 bits (value, fees, signature scalars) are {@link BigInteger};
 * nonce, gas limit and chain id are unsigned 64-bit values in {@code long}. {@link #input()} is a
 * view into the transaction's own immutable encoding.
 */
public sealed interface TransactionFields
        permits LegacyTransaction,
                AccessListTransaction,
                DynamicFeeTransaction,
                BlobTransaction,
                SetCodeTransaction {

    TransactionType type();

    OptionalLong chainId();

    long nonce();

    long gasLimit();

    /** The recipient; null for a contract creation. */
    Address to();

    BigInteger value();

    /** The call data or init code. */
    ByteSlice input();

    /** The access list; empty for legacy transactions. */
    List<AccessListEntry> accessList();

    /** The most the sender pays per gas: gasPrice, or maxFeePerGas for fee-market types. */
    BigInteger maxFeePerGas();

    /** The most the block producer gets per gas: gasPrice, or maxPriorityFeePerGas. */
    BigInteger maxPriorityFeePerGas();

    /** The signature's y parity (0 or 1). */
    int recoveryId();

    BigInteger r();

    BigInteger s();

    /** A copy with the given signature (legacy: v follows from the chain id, EIP-155). */
    TransactionFields withSignature(int recoveryId, BigInteger r, BigInteger s);

    /** Encodes these fields as a transaction. */
    default Transaction toTransaction() {
        return Transaction.decode(TransactionEncoder.encode(this));
    }
}
