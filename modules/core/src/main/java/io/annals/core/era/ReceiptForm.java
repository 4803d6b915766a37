package io.annals.core.era;

/** How an era file encodes a block's receipts. */
public enum ReceiptForm {
    /**
     * era1's {@code CompressedReceipts}: {@code rlp(receipts)} as go-ethereum encodes {@code
     * types.Receipts}, which is the eth/68 Receipts list (a legacy receipt as its list, a typed one
     * as a string holding {@code type || rlp([...])}), blooms included.
     */
    FULL,
    /**
     * eraE's {@code CompressedSlimReceipts}: {@code rlp([tx-type, post-state-or-status,
     * cumulative-gas, logs])} per receipt, the eth/69 list (EIP-7642), no bloom.
     */
    SLIM
}
