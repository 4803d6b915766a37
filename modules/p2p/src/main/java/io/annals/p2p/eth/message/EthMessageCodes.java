package io.annals.p2p.eth.message;

/**
 * Message codes of the eth protocol, relative to the capability's offset (<a
 * href="https://github.com/ethereum/devp2p/blob/master/caps/eth.md#protocol-messages">caps/eth.md</a>).
 * 0x0b-0x0e are unused since eth/67 removed GetNodeData and NodeData.
 */
public final class EthMessageCodes {
    public static final int STATUS = 0x00;
    public static final int NEW_BLOCK_HASHES = 0x01;
    public static final int TRANSACTIONS = 0x02;
    public static final int GET_BLOCK_HEADERS = 0x03;
    public static final int BLOCK_HEADERS = 0x04;
    public static final int GET_BLOCK_BODIES = 0x05;
    public static final int BLOCK_BODIES = 0x06;
    public static final int NEW_BLOCK = 0x07;
    public static final int NEW_POOLED_TRANSACTION_HASHES = 0x08;
    public static final int GET_POOLED_TRANSACTIONS = 0x09;
    public static final int POOLED_TRANSACTIONS = 0x0a;
    public static final int GET_RECEIPTS = 0x0f;
    public static final int RECEIPTS = 0x10;

    /** eth/69 and later. */
    public static final int BLOCK_RANGE_UPDATE = 0x11;

    private static final String[] NAMES = {
        "Status",
        "NewBlockHashes",
        "Transactions",
        "GetBlockHeaders",
        "BlockHeaders",
        "GetBlockBodies",
        "BlockBodies",
        "NewBlock",
        "NewPooledTransactionHashes",
        "GetPooledTransactions",
        "PooledTransactions",
        null,
        null,
        null,
        null,
        "GetReceipts",
        "Receipts",
        "BlockRangeUpdate",
    };

    private EthMessageCodes() {}

    /** The message's name for logs, e.g. "BlockHeaders", or "0x0c" for an unused code. */
    public static String name(int code) {
        if (code >= 0 && code < NAMES.length && NAMES[code] != null) {
            return NAMES[code];
        }
        return String.format("0x%02x", code);
    }
}
