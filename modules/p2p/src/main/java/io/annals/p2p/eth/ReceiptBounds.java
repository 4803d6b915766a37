package io.annals.p2p.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Hardfork;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.types.BlockHeader;
import io.annals.core.util.ByteSlice;
import java.util.List;
import java.util.Optional;

/**
 * The sanity bounds EIP-7975 asks for on a block's receipt list while it arrives in parts (a
 * partial list cannot be checked against the receipts root yet): no more receipts than transactions
 * fit in the block's gas, and no more log bytes than that gas pays for. Following go-ethereum
 * (eth/protocols/eth/peer.go, validateLastBlockReceipt): at least 21,000 gas per transaction (4,500
 * once Amsterdam is active) and 8 gas per byte of log data. The EIP's per-receipt bound (a
 * receipt's logs within its transaction's gas limit / 8) needs the block body and is left to the
 * caller, whose root check covers the complete list anyway.
 */
record ReceiptBounds(long maxReceipts, long maxLogBytes) {
    static final long MIN_TRANSACTION_GAS = 21_000;
    static final long MIN_TRANSACTION_GAS_AMSTERDAM = 4_500;
    static final long LOG_DATA_GAS_PER_BYTE = 8;

    /** Bounds for a block that used at most {@code gasUsed}. */
    static ReceiptBounds ofGas(long gasUsed, long minTransactionGas) {
        long gas = Math.max(0, gasUsed);
        return new ReceiptBounds(gas / minTransactionGas, gas / LOG_DATA_GAS_PER_BYTE);
    }

    /** Bounds for the block of this header on this chain. */
    static ReceiptBounds of(BlockHeader header, ChainSpec chain) {
        boolean amsterdam = chain.isActive(Hardfork.AMSTERDAM, header.number(), header.timestamp());
        return ofGas(
                header.gasUsed(), amsterdam ? MIN_TRANSACTION_GAS_AMSTERDAM : MIN_TRANSACTION_GAS);
    }

    /**
     * Describes how the receipts received so far for one block break these bounds; empty when they
     * do not.
     *
     * @param logBytes their log bytes, as summed by {@link #logBytes}
     */
    Optional<String> violation(int receiptCount, long logBytes) {
        if (receiptCount > maxReceipts) {
            return Optional.of(
                    receiptCount
                            + " receipts, more than the block's gas allows ("
                            + maxReceipts
                            + ")");
        }
        if (logBytes > maxLogBytes) {
            return Optional.of(
                    logBytes
                            + " bytes of logs, more than the block's gas pays for ("
                            + maxLogBytes
                            + ")");
        }
        return Optional.empty();
    }

    /**
     * The size of the logs of eth/69 receipt items {@code [type, outcome, cumulativeGas, logs]}:
     * the payload of each logs list, as go-ethereum counts it. Malformed items throw {@link
     * RlpException}.
     */
    static long logBytes(List<ByteSlice> items) {
        long total = 0;
        for (ByteSlice item : items) {
            RlpReader fields = RlpReader.of(item).readList();
            fields.skip();
            fields.skip();
            fields.skip();
            if (!fields.nextIsList()) {
                throw new RlpException("receipt logs must be a list", fields.position());
            }
            total += fields.nextPayloadLength();
        }
        return total;
    }
}
