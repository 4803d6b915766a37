package io.annals.core.types;

import io.annals.core.util.ByteSlice;
import java.util.List;
import java.util.Objects;

/**
 * A transaction receipt: the transaction's envelope type, its outcome, the block's cumulative gas
 * after it, and its logs. The outcome is a status code (success or failure, EIP-658, from Byzantium
 * on) or, before Byzantium, the 32-byte state root after the transaction.
 *
 * <p>The bloom is not part of the value: it is a function of the logs, computed on first use. A
 * receipt decoded from a form that carries the bloom (consensus or eth/68) keeps the received bloom
 * and its exact encoding instead, so that validating a block's {@code receiptsRoot} costs no Keccak
 * per log; the root commits to that bloom, so once the root matches the header it is the computed
 * one. Encodings are in {@link ReceiptCodec}. Immutable and safe to share between threads.
 */
public final class Receipt {
    /** The highest EIP-2718 envelope type. */
    public static final int MAX_TYPE = 0x7f;

    private final int type;
    private final Hash postStateRoot;
    private final boolean success;
    private final long cumulativeGasUsed;
    private final List<Log> logs;
    private volatile LogsBloom bloom;
    private volatile byte[] consensusEncoding;

    /**
     * The RLP of the logs list as received (eth/69), copied verbatim into the consensus encoding
     * instead of re-encoding every log; null when not known. Set before the receipt is shared.
     */
    private ByteSlice logsEncoding;

    Receipt(
            int type,
            Hash postStateRoot,
            boolean success,
            long cumulativeGasUsed,
            List<Log> logs,
            LogsBloom bloom,
            byte[] consensusEncoding) {
        if (type < 0 || type > MAX_TYPE) {
            throw new IllegalArgumentException("receipt type must be 0..0x7f, got " + type);
        }
        this.type = type;
        this.postStateRoot = postStateRoot;
        this.success = success;
        this.cumulativeGasUsed = cumulativeGasUsed;
        this.logs = List.copyOf(logs);
        this.bloom = bloom;
        this.consensusEncoding = consensusEncoding;
    }

    /** A receipt with a status code (Byzantium and later). */
    public static Receipt withStatus(
            int type, boolean success, long cumulativeGasUsed, List<Log> logs) {
        return new Receipt(type, null, success, cumulativeGasUsed, logs, null, null);
    }

    /** A receipt with the intermediate state root (before Byzantium). */
    public static Receipt withPostState(
            int type, Hash postStateRoot, long cumulativeGasUsed, List<Log> logs) {
        return new Receipt(
                type,
                Objects.requireNonNull(postStateRoot),
                false,
                cumulativeGasUsed,
                logs,
                null,
                null);
    }

    /** The envelope type of the transaction: 0 for legacy. */
    public int type() {
        return type;
    }

    /** True for a status receipt, false for a pre-Byzantium one that carries a state root. */
    public boolean hasStatus() {
        return postStateRoot == null;
    }

    /**
     * Whether the transaction succeeded.
     *
     * @throws IllegalStateException for a pre-Byzantium receipt, which has no status
     */
    public boolean success() {
        if (postStateRoot != null) {
            throw new IllegalStateException(
                    "a pre-Byzantium receipt has a state root, not a status");
        }
        return success;
    }

    /** The state root after the transaction, for a pre-Byzantium receipt; null otherwise. */
    public Hash postStateRoot() {
        return postStateRoot;
    }

    public long cumulativeGasUsed() {
        return cumulativeGasUsed;
    }

    public List<Log> logs() {
        return logs;
    }

    /** The receipt's bloom: computed from the logs, or as received with the receipt. */
    public LogsBloom bloom() {
        LogsBloom b = bloom;
        if (b == null) {
            b = LogsBloom.of(logs);
            bloom = b;
        }
        return b;
    }

    /**
     * Sets the bloom computed from the logs, before the receipt is shared: a block's blooms are
     * computed together ({@link LogsBloom.Memo#bloomsOf}).
     */
    void presetBloom(LogsBloom computed) {
        bloom = computed;
    }

    /** Keeps the received encoding of the logs list, which the consensus encoding contains. */
    void presetLogsEncoding(ByteSlice received) {
        logsEncoding = received;
    }

    /** The logs list as received, when known; else null. */
    ByteSlice logsEncoding() {
        return logsEncoding;
    }

    /** The consensus encoding if it is known already (received or computed); else null. */
    byte[] knownConsensusEncoding() {
        return consensusEncoding;
    }

    /**
     * The consensus encoding, the value of this receipt in the receipts trie: legacy {@code
     * rlp([outcome, cumulativeGas, bloom, logs])}, typed {@code type || rlp([...])}.
     */
    public byte[] consensusEncoding() {
        return unsafeConsensusEncoding().clone();
    }

    /** The consensus encoding without a copy. Do not modify. */
    public byte[] unsafeConsensusEncoding() {
        byte[] e = consensusEncoding;
        if (e == null) {
            e = ReceiptCodec.encodeConsensus(this);
            consensusEncoding = e;
        }
        return e;
    }

    /** Equality is by type, outcome, cumulative gas and logs (the bloom follows from the logs). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt r
                && type == r.type
                && success == r.success
                && cumulativeGasUsed == r.cumulativeGasUsed
                && Objects.equals(postStateRoot, r.postStateRoot)
                && logs.equals(r.logs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, postStateRoot, success, cumulativeGasUsed, logs);
    }

    @Override
    public String toString() {
        String outcome =
                postStateRoot != null ? "postState=" + postStateRoot : "success=" + success;
        return "Receipt{type="
                + type
                + ", "
                + outcome
                + ", cumulativeGasUsed="
                + Long.toUnsignedString(cumulativeGasUsed)
                + ", logs="
                + logs.size()
                + "}";
    }
}
