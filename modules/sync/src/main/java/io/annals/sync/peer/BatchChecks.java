package io.annals.sync.peer;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.types.Transaction;
import io.annals.core.types.Transactions;
import io.annals.store.BlockRange;
import io.annals.store.EncodedBlock;
import io.annals.store.FullBlock;
import io.annals.sync.link.Fetched;
import io.annals.sync.write.ValidatedBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks a peer's answers for one batch must pass, as pure functions. Headers must be the
 * batch's numbers in order and link by parent hash inside the batch; each body must match its
 * header (transactions root, ommers hash, withdrawals root) and each receipt list too (receipts
 * root, logs bloom, gas used). A block that fails a check is a failure of this peer and goes back
 * to the scheduler for another peer; it is never handed to the writer.
 *
 * <p>Answers are prefixes. An empty answer means the peer lacks the first block asked for, so every
 * block from there is "missing" (the scheduler decides whether that is "not yet available" or a
 * failure). A non-empty answer that stops early was cut by a response limit (eth's soft limit of 2
 * MiB): the blocks after it are left unmentioned and go back without penalty.
 *
 * <p>A valid block leaves here in the store's encodings ({@link EncodedBlock}: the body as
 * received, compact receipts, transaction hashes), built on the thread that checked it, so that
 * while it waits for the writer it holds a few arrays rather than its decoded objects, and the
 * single writer only copies bytes.
 */
public final class BatchChecks {

    private BatchChecks() {}

    /** The headers of a batch that may be used, and the fate of the others. */
    public record HeaderCheck(
            List<BlockHeader> usable,
            List<Long> failed,
            List<Long> missing,
            Optional<String> problem) {
        public HeaderCheck {
            usable = List.copyOf(usable);
            failed = List.copyOf(failed);
            missing = List.copyOf(missing);
        }

        /** No header came for the batch: every block of it is at stake. */
        public static HeaderCheck nothingUsable(BlockRange batch) {
            return new HeaderCheck(List.of(), batch.blocks(), List.of(), Optional.empty());
        }
    }

    /** The fate of every block of a batch the peer was asked about. */
    public record Outcome(
            List<ValidatedBlock> delivered,
            List<Long> failed,
            List<Long> missing,
            Optional<String> problem) {
        public Outcome {
            delivered = List.copyOf(delivered);
            failed = List.copyOf(failed);
            missing = List.copyOf(missing);
        }

        public List<Long> deliveredNumbers() {
            return delivered.stream().map(ValidatedBlock::number).toList();
        }
    }

    public static HeaderCheck checkHeaders(BlockRange batch, List<BlockHeader> headers) {
        if (headers.size() > batch.size()) {
            return new HeaderCheck(
                    List.of(),
                    batch.blocks(),
                    List.of(),
                    Optional.of(headers.size() + " headers for a batch of " + batch.size()));
        }
        for (int i = 0; i < headers.size(); i++) {
            long expected = batch.first() + i;
            if (headers.get(i).number() != expected) {
                return new HeaderCheck(
                        List.of(),
                        batch.blocks(),
                        List.of(),
                        Optional.of(
                                "header "
                                        + i
                                        + " is block "
                                        + Long.toUnsignedString(headers.get(i).number())
                                        + ", asked for "
                                        + expected));
            }
        }
        List<Long> missing = range(batch.first() + headers.size(), batch.last());
        for (int i = 1; i < headers.size(); i++) {
            if (!headers.get(i).parentHash().equals(headers.get(i - 1).hash())) {
                return new HeaderCheck(
                        headers.subList(0, i),
                        range(batch.first() + i, batch.first() + headers.size() - 1),
                        missing,
                        Optional.of(
                                "header " + (batch.first() + i) + " does not link to its parent"));
            }
        }
        return new HeaderCheck(headers, List.of(), missing, Optional.empty());
    }

    /**
     * Pairs the usable headers with the bodies and receipt lists that came (both prefixes) and
     * checks each block; the header check's failures and missing blocks carry over.
     */
    public static Outcome assemble(
            HeaderCheck headers, Fetched<BlockBody> bodies, Fetched<List<Receipt>> receipts) {
        List<BlockHeader> usable = headers.usable();
        List<FullBlock> valid = new ArrayList<>();
        List<Long> failed = new ArrayList<>(headers.failed());
        List<Long> missing = new ArrayList<>();
        Optional<String> problem = headers.problem();
        int complete = Math.min(usable.size(), Math.min(bodies.size(), receipts.size()));
        long bodyShare = bodies.size() == 0 ? 0 : bodies.bytes() / bodies.size();
        long receiptShare = receipts.size() == 0 ? 0 : receipts.bytes() / receipts.size();
        for (int i = 0; i < complete; i++) {
            BlockHeader header = usable.get(i);
            Optional<String> mismatch =
                    mismatch(header, bodies.items().get(i), receipts.items().get(i));
            if (mismatch.isPresent()) {
                failed.add(header.number());
                problem =
                        problem.or(
                                () ->
                                        Optional.of(
                                                "block "
                                                        + header.number()
                                                        + ": "
                                                        + mismatch.get()));
            } else {
                valid.add(new FullBlock(header, bodies.items().get(i), receipts.items().get(i)));
            }
        }
        if (complete < usable.size() && (bodies.size() == 0 || receipts.size() == 0)) {
            // an empty answer: the peer lacks the first block asked for, and so everything after it
            for (int i = complete; i < usable.size(); i++) {
                missing.add(usable.get(i).number());
            }
        }
        missing.addAll(headers.missing());
        hashTransactions(valid);
        List<ValidatedBlock> delivered = new ArrayList<>(valid.size());
        for (FullBlock block : valid) {
            delivered.add(
                    new ValidatedBlock(
                            EncodedBlock.of(block),
                            block.header().unsafeEncoding().length + bodyShare + receiptShare));
        }
        return new Outcome(delivered, failed, missing, problem);
    }

    /** Every block the headers allowed fails: the body or receipts request failed as a whole. */
    public static Outcome allFailed(HeaderCheck headers, String problem) {
        List<Long> failed = new ArrayList<>(headers.failed());
        headers.usable().forEach(header -> failed.add(header.number()));
        return new Outcome(List.of(), failed, headers.missing(), Optional.of(problem));
    }

    private static Optional<String> mismatch(
            BlockHeader header, BlockBody body, List<Receipt> receipts) {
        Optional<String> bodyMismatch = body.mismatchWith(header);
        if (bodyMismatch.isPresent()) {
            return bodyMismatch;
        }
        Optional<String> receiptsMismatch = Receipts.mismatchWith(header, receipts);
        if (receiptsMismatch.isPresent()) {
            return receiptsMismatch;
        }
        if (receipts.size() != body.transactions().size()) {
            return Optional.of(
                    receipts.size()
                            + " receipts for "
                            + body.transactions().size()
                            + " transactions");
        }
        return Optional.empty();
    }

    /**
     * The store keys every transaction by its hash. {@link Transaction#hash()} memoises, so
     * computing the hashes here, where the peers' blocks are checked in parallel, takes them off
     * the single writer thread, which spent about 40 % of its time on them (docs/benchmarks.md,
     * "Sync end to end"); the whole batch's are hashed together, several at a time.
     */
    private static void hashTransactions(List<FullBlock> blocks) {
        List<Transaction> transactions = new ArrayList<>();
        for (FullBlock block : blocks) {
            transactions.addAll(block.body().transactions());
        }
        Transactions.hashAll(transactions);
    }

    private static List<Long> range(long first, long last) {
        List<Long> blocks = new ArrayList<>();
        for (long block = first; block <= last; block++) {
            blocks.add(block);
        }
        return blocks;
    }
}
