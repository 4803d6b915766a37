package io.annals.devnet.chain;

/**
 * The shape of generated blocks.
 *
 * @param minTransactions fewest transactions of a non-empty block
 * @param maxTransactions most transactions of a non-empty block
 * @param emptyBlockShare share of blocks without transactions (missed builders, relays down)
 * @param logsPerTransaction mean logs per transaction over all transactions (plain transfers have
 *     none)
 * @param callDataWords mean 32-byte ABI words of a contract call's input
 * @param withdrawals validator withdrawals per block (EIP-4895; 16 on mainnet)
 * @param gasLimit the blocks' gas limit
 * @param maxBlobsPerBlock blob limit per block (EIP-7691: 9 in Prague)
 * @param mix relative weights of the transaction types
 */
public record ChainShape(
        int minTransactions,
        int maxTransactions,
        double emptyBlockShare,
        double logsPerTransaction,
        int callDataWords,
        int withdrawals,
        long gasLimit,
        int maxBlobsPerBlock,
        TransactionMix mix) {

    /**
     * Recent mainnet: 150 to 200 transactions and 500 to 800 logs per block, about 250 KB of body
     * and eth/69 receipts, 3 % empty blocks.
     */
    public static final ChainShape MAINNET =
            new ChainShape(150, 200, 0.03, 4.0, 22, 16, 36_000_000L, 9, TransactionMix.MAINNET);

    /** Small blocks for tests that need many blocks fast. */
    public static final ChainShape SMALL =
            new ChainShape(2, 12, 0.1, 2.5, 4, 4, 36_000_000L, 9, TransactionMix.MAINNET);

    public ChainShape {
        if (minTransactions < 0 || maxTransactions < minTransactions) {
            throw new IllegalArgumentException(
                    "transactions per block: need 0 <= min <= max, got "
                            + minTransactions
                            + ".."
                            + maxTransactions);
        }
        if (maxTransactions > 5_000) {
            throw new IllegalArgumentException(
                    "at most 5000 transactions per block, got " + maxTransactions);
        }
        if (!(emptyBlockShare >= 0 && emptyBlockShare <= 1)) {
            throw new IllegalArgumentException(
                    "empty-block share must be within 0..1, got " + emptyBlockShare);
        }
        if (!(logsPerTransaction >= 0 && logsPerTransaction <= 50)) {
            throw new IllegalArgumentException(
                    "logs per transaction must be within 0..50, got " + logsPerTransaction);
        }
        if (callDataWords < 0 || callDataWords > 1_000) {
            throw new IllegalArgumentException(
                    "call-data words must be within 0..1000, got " + callDataWords);
        }
        if (withdrawals < 0 || withdrawals > 16) {
            throw new IllegalArgumentException(
                    "withdrawals per block must be within 0..16, got " + withdrawals);
        }
        if (gasLimit < 1_000_000 || gasLimit > 1_000_000_000) {
            throw new IllegalArgumentException("gas limit must be within 1M..1G, got " + gasLimit);
        }
        if (maxBlobsPerBlock < 0 || maxBlobsPerBlock > 64) {
            throw new IllegalArgumentException(
                    "blobs per block must be within 0..64, got " + maxBlobsPerBlock);
        }
        if (mix == null) {
            throw new IllegalArgumentException("a transaction mix is required");
        }
    }

    /** The canonical text of every parameter: what makes two shapes generate the same chain. */
    String canonical() {
        return minTransactions
                + ","
                + maxTransactions
                + ","
                + emptyBlockShare
                + ","
                + logsPerTransaction
                + ","
                + callDataWords
                + ","
                + withdrawals
                + ","
                + gasLimit
                + ","
                + maxBlobsPerBlock
                + ","
                + mix.legacy()
                + ","
                + mix.accessList()
                + ","
                + mix.dynamicFee()
                + ","
                + mix.blob()
                + ","
                + mix.setCode();
    }
}
