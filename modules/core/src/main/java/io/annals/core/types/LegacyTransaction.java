package io.annals.core.types;

import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An untyped transaction: {@code rlp([nonce, gasPrice, gas, to, value, input, v, r, s])}. Before
 * EIP-155, v is 27 or 28; after, {@code v = chainId * 2 + 35 + yParity}.
 */
public record LegacyTransaction(
        long nonce,
        BigInteger gasPrice,
        long gasLimit,
        Address to,
        BigInteger value,
        ByteSlice input,
        BigInteger v,
        BigInteger r,
        BigInteger s)
        implements TransactionFields {

    private static final BigInteger V27 = BigInteger.valueOf(27);
    private static final BigInteger V35 = BigInteger.valueOf(35);

    public LegacyTransaction {
        Objects.requireNonNull(gasPrice, "gasPrice");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(v, "v");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    /**
     * Unsigned fields ready for {@link TransactionSigner#sign}; with a chain id, EIP-155 applies.
     */
    public static LegacyTransaction unsigned(
            long nonce,
            BigInteger gasPrice,
            long gasLimit,
            Address to,
            BigInteger value,
            byte[] input,
            OptionalLong chainId) {
        BigInteger v = chainId.isPresent() ? vFor(chainId.getAsLong(), 0) : V27;
        return new LegacyTransaction(
                nonce,
                gasPrice,
                gasLimit,
                to,
                value,
                ByteSlice.of(input.clone()),
                v,
                BigInteger.ZERO,
                BigInteger.ZERO);
    }

    @Override
    public TransactionType type() {
        return TransactionType.LEGACY;
    }

    /** The EIP-155 chain id folded into v; empty for a pre-EIP-155 signature (v of 27 or 28). */
    @Override
    public OptionalLong chainId() {
        if (v.compareTo(V35) < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(v.subtract(V35).shiftRight(1).longValue());
    }

    /** True when the signature commits to a chain id (EIP-155). */
    public boolean isReplayProtected() {
        return chainId().isPresent();
    }

    @Override
    public List<AccessListEntry> accessList() {
        return List.of();
    }

    @Override
    public BigInteger maxFeePerGas() {
        return gasPrice;
    }

    @Override
    public BigInteger maxPriorityFeePerGas() {
        return gasPrice;
    }

    /**
     * @throws InvalidSignatureException when v is neither 27/28 nor at least 35
     */
    @Override
    public int recoveryId() {
        if (v.equals(V27) || v.equals(V27.add(BigInteger.ONE))) {
            return v.intValue() - 27;
        }
        if (v.compareTo(V35) >= 0) {
            return v.subtract(V35).testBit(0) ? 1 : 0;
        }
        throw new InvalidSignatureException("legacy v must be 27, 28 or at least 35, got " + v);
    }

    @Override
    public LegacyTransaction withSignature(int recoveryId, BigInteger r, BigInteger s) {
        OptionalLong chainId = chainId();
        BigInteger newV =
                chainId.isPresent()
                        ? vFor(chainId.getAsLong(), recoveryId)
                        : V27.add(BigInteger.valueOf(recoveryId));
        return new LegacyTransaction(nonce, gasPrice, gasLimit, to, value, input, newV, r, s);
    }

    private static BigInteger vFor(long chainId, int recoveryId) {
        return BigInteger.valueOf(chainId)
                .shiftLeft(1)
                .add(V35)
                .add(BigInteger.valueOf(recoveryId));
    }
}
