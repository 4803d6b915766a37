package io.annals.devnet.chain;

import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.Transaction;
import io.annals.core.types.Withdrawal;
import java.util.List;

/**
 * Everything of a generated block that does not depend on its parent: transactions, receipts,
 * withdrawals and the header values drawn at random. A pure function of (seed, shape, number,
 * branch), so contents can be generated in any order or in parallel and sealed onto their parent
 * afterwards. The roots are computed here too, so that sealing is cheap and the expensive part runs
 * wherever the content is composed.
 *
 * @param branch 0 for the original chain, n for the n-th reorg's branch (see {@link
 *     BlockGenerator})
 * @param logsBloom the union of the receipts' blooms (256 bytes; not modified after construction)
 */
public record BlockContent(
        long number,
        int branch,
        List<Transaction> transactions,
        List<Receipt> receipts,
        List<Withdrawal> withdrawals,
        Hash transactionsRoot,
        Hash receiptsRoot,
        Hash withdrawalsRoot,
        long gasUsed,
        long blobGasUsed,
        byte[] logsBloom,
        Hash stateRoot,
        Hash prevRandao,
        Hash parentBeaconBlockRoot,
        int builder) {
    public BlockContent {
        transactions = List.copyOf(transactions);
        receipts = List.copyOf(receipts);
        withdrawals = List.copyOf(withdrawals);
    }
}
