package io.annals.devnet.chain;

import io.annals.core.trie.OrderedTrie;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.ReceiptCodec;
import io.annals.core.types.Receipts;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionType;
import io.annals.core.types.Transactions;
import io.annals.core.types.Withdrawal;
import java.util.ArrayList;
import java.util.List;

/**
 * Composes the parent-independent part of a block ({@link BlockContent}) from a generator seeded by
 * (chain seed, number, branch). Each transaction is planned (type, recipient, call data, logs), its
 * gas is what those would cost (21,000 intrinsic, call-data bytes, logs, some execution), and its
 * receipt carries the block's running total, so {@code gasUsed} in the header agrees with the
 * receipts. Plain transfers and blob carriers emit no logs; a failed call (3 %) emits none either.
 * Not thread-safe: one composer per thread.
 */
final class BlockComposer {
    static final long GAS_PER_BLOB = 1L << 17;
    private static final double TRANSFER_SHARE = 0.2;
    private static final double FAILURE_SHARE = 0.03;
    private static final long GWEI = 1_000_000_000L;

    private final ChainParameters params;
    private final Population population;
    private final TransactionWriter transactions;
    private final ReceiptWriter receipts;
    private final TransactionWriter.Plan plan = new TransactionWriter.Plan();
    private final double logsPerLoggingCall;

    /** Whether the transaction last planned succeeded (its receipt's status). */
    private boolean lastCallSucceeded;

    BlockComposer(ChainParameters params, Population population, SignaturePool signatures) {
        this.params = params;
        this.population = population;
        this.transactions = new TransactionWriter(params.chainId(), population, signatures);
        this.receipts = new ReceiptWriter(population);
        this.logsPerLoggingCall =
                params.shape().logsPerTransaction()
                        / (loggingCallShare(params.shape().mix()) * (1 - FAILURE_SHARE));
    }

    /**
     * The share of all transactions that are contract calls able to log (no transfers, no blob
     * carriers).
     */
    private static double loggingCallShare(TransactionMix mix) {
        double calls =
                (mix.legacy() + mix.dynamicFee()) * (1 - TRANSFER_SHARE)
                        + mix.accessList()
                        + mix.setCode();
        return Math.max(1e-9, calls / mix.total());
    }

    BlockContent compose(long number, int branch) {
        ChainShape shape = params.shape();
        SplitMix random = SplitMix.of(params.seed(), number, branch);
        int count =
                random.chance(shape.emptyBlockShare())
                        ? 0
                        : (int) random.between(shape.minTransactions(), shape.maxTransactions());
        List<Transaction> txs = new ArrayList<>(count);
        List<Receipt> receiptList = new ArrayList<>(count);
        byte[] bloom = new byte[256];
        long cumulativeGas = 0;
        boolean proofOfWork = params.isPreMerge(number);
        int blobsLeft = proofOfWork ? 0 : shape.maxBlobsPerBlock();
        for (int i = 0; i < count; i++) {
            long gas = planTransaction(random, blobsLeft, proofOfWork);
            if (cumulativeGas + gas > shape.gasLimit()) {
                break;
            }
            cumulativeGas += gas;
            blobsLeft -= plan.blobs;
            Transaction tx = Transaction.decode(transactions.encode(plan, random));
            tx.hash(); // hashed here, where composing runs in parallel, rather than in the
            // store's sequential write
            txs.add(tx);
            receiptList.add(
                    ReceiptCodec.decodeConsensus(
                            receipts.receipt(plan.type.code(), lastCallSucceeded, cumulativeGas)));
            BloomBits.or(bloom, receipts.bloom());
        }
        List<Withdrawal> withdrawals = proofOfWork ? List.of() : withdrawals(number, random);
        long blobGas = proofOfWork ? 0 : (shape.maxBlobsPerBlock() - blobsLeft) * GAS_PER_BLOB;
        return new BlockContent(
                number,
                branch,
                txs,
                receiptList,
                withdrawals,
                Transactions.root(txs),
                Receipts.root(receiptList),
                OrderedTrie.root(withdrawals.size(), i -> withdrawals.get(i).encode()),
                cumulativeGas,
                blobGas,
                bloom,
                hash(random),
                hash(random),
                hash(random),
                population.builderPick.draw(random));
    }

    /**
     * Fills {@link #plan} and writes the transaction's logs; returns the gas it uses. Before the
     * merge (London rules) blob and set-code transactions do not exist: they become fee-market
     * ones.
     */
    private long planTransaction(SplitMix random, int blobsLeft, boolean proofOfWork) {
        TransactionType type = params.shape().mix().draw(random);
        if (type == TransactionType.BLOB && blobsLeft == 0
                || type == TransactionType.SET_CODE && proofOfWork) {
            type = TransactionType.DYNAMIC_FEE;
        }
        plan.type = type;
        plan.nonce = random.nextInt(20) == 0 ? random.nextInt(1 << 24) : random.nextInt(1 << 14);
        plan.maxPriorityFee = 10_000_000L + random.nextInt(3_000_000) * 1_000L;
        plan.maxFee =
                (type == TransactionType.LEGACY || type == TransactionType.ACCESS_LIST
                                ? 25 + random.nextInt(36)
                                : 25 + random.nextInt(76))
                        * GWEI;
        plan.accessListEntries =
                switch (type) {
                    case ACCESS_LIST -> 1 + random.nextInt(3);
                    case DYNAMIC_FEE -> random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0;
                    default -> 0;
                };
        plan.blobs = type == TransactionType.BLOB ? 1 + random.nextInt(Math.min(2, blobsLeft)) : 0;
        plan.authorizations = type == TransactionType.SET_CODE ? 1 + random.nextInt(2) : 0;
        plan.largeValue = false;
        plan.value = 0;
        boolean transfer =
                (type == TransactionType.LEGACY || type == TransactionType.DYNAMIC_FEE)
                        && random.chance(TRANSFER_SHARE);
        receipts.clearLogs();
        lastCallSucceeded = true;
        long gas;
        if (transfer) {
            population.account(population.accountPick.draw(random), plan.to, 0);
            plan.inputLength = 0;
            plan.value = random.nextLong() >>> (4 + random.nextInt(8));
            plan.largeValue = random.nextInt(50) == 0;
            gas = 21_000;
        } else if (type == TransactionType.BLOB) {
            int inbox = population.contractPick.draw(random) % 64;
            System.arraycopy(
                    population.contracts[inbox].unsafeArray(), 0, plan.to, 0, plan.to.length);
            gas = 21_000 + writeInput(random, random.nextInt(3)) + 2_000 + random.nextInt(20_000);
        } else {
            int contract = population.contractPick.draw(random);
            if (type == TransactionType.SET_CODE && random.nextInt(2) == 0) {
                population.account(population.accountPick.draw(random), plan.to, 0);
            } else {
                System.arraycopy(
                        population.contracts[contract].unsafeArray(),
                        0,
                        plan.to,
                        0,
                        plan.to.length);
            }
            if (random.nextInt(10) == 0) {
                plan.value = random.nextLong() >>> (8 + random.nextInt(8));
            }
            long inputGas =
                    writeInput(
                            random,
                            (int)
                                    Math.min(
                                            127,
                                            random.exponential(params.shape().callDataWords())));
            lastCallSucceeded = !random.chance(FAILURE_SHARE);
            long logGas =
                    lastCallSucceeded
                            ? receipts.writeLogs(
                                    random.geometric(logsPerLoggingCall), contract, random)
                            : 0;
            gas =
                    21_000
                            + inputGas
                            + logGas
                            + 10_000
                            + random.exponential(75_000)
                            + 25_000L * plan.authorizations;
        }
        plan.gasLimit =
                transfer ? 21_000 : (gas + gas * random.nextInt(50) / 100 + 999) / 1000 * 1000;
        return gas;
    }

    /**
     * A selector and {@code words} ABI words; returns their intrinsic gas (EIP-2028: 16 per
     * non-zero byte, 4 per zero).
     */
    private long writeInput(SplitMix random, int words) {
        int length = words == 0 && random.nextInt(4) == 0 ? 0 : 4 + 32 * words;
        if (length > 0) {
            System.arraycopy(
                    population.selectors[population.selectorPick.draw(random)],
                    0,
                    plan.input,
                    0,
                    4);
            for (int w = 0; w < words; w++) {
                AbiWords.fill(plan.input, 4 + 32 * w, random);
            }
        }
        plan.inputLength = length;
        long gas = 0;
        for (int i = 0; i < length; i++) {
            gas += plan.input[i] == 0 ? 4 : 16;
        }
        return gas;
    }

    /**
     * EIP-4895 withdrawals: consecutive global indices, mostly partial (~0.017 ETH), a few full
     * exits (32 ETH).
     */
    private List<Withdrawal> withdrawals(long number, SplitMix random) {
        int count = params.shape().withdrawals();
        List<Withdrawal> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long amount =
                    random.nextInt(100) < 3
                            ? 32_000_000_000L
                            : 15_000_000L + random.nextInt(5_000_000);
            out.add(
                    new Withdrawal(
                            number * count + i,
                            random.nextInt(2_000_000),
                            population.withdrawalRecipients[population.withdrawalPick.draw(random)],
                            amount));
        }
        return out;
    }

    private static Hash hash(SplitMix random) {
        return Hash.wrap(random.nextBytes(32));
    }
}
