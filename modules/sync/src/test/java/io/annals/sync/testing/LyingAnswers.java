package io.annals.sync.testing;

import io.annals.core.testing.RandomChain;
import io.annals.core.types.BlockBody;
import io.annals.core.types.Receipt;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionType;
import io.annals.store.FullBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * What a lying peer serves: a body with one transaction too many, receipts with one receipt too
 * many.
 */
final class LyingAnswers {

    private LyingAnswers() {}

    /**
     * The block's body plus a random transaction: its transactions root no longer matches the
     * header.
     */
    static BlockBody body(FullBlock block) {
        List<Transaction> transactions = new ArrayList<>(block.body().transactions());
        transactions.add(new RandomChain(block.number()).transaction(TransactionType.LEGACY));
        return BlockBody.of(
                transactions, block.body().ommers(), block.body().withdrawals().orElse(null));
    }

    /** The block's receipts plus one: its receipts root no longer matches the header. */
    static List<Receipt> receipts(FullBlock block) {
        List<Receipt> receipts = new ArrayList<>(block.receipts());
        receipts.add(Receipt.withStatus(0, true, block.header().gasUsed() + 21_000, List.of()));
        return receipts;
    }
}
