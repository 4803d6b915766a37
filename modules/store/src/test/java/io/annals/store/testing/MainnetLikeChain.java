package io.annals.store.testing;

import io.annals.core.testing.RandomChain;
import io.annals.core.types.Address;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.BlockHeaderBuilder;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.Log;
import io.annals.core.types.LogsBloom;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.types.Transaction;
import io.annals.core.types.Transactions;
import io.annals.core.types.Withdrawal;
import io.annals.store.FullBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of consecutive blocks shaped like mainnet in 2025, for store tests and
 * benchmarks: 150 to 200 transactions of realistic size and compressibility (call data made of
 * zero-padded words), about four logs per transaction from a Zipf-distributed set of contracts and
 * event signatures with indexed user addresses, sixteen withdrawals, and a few empty blocks. The
 * figures it aims at come from the real blocks in the core fixtures (block 22,869,878: 301
 * transactions, 135 KB body, 130 KB eth/69 receipts, 714 logs from 191 addresses, 853 distinct
 * address/topic values).
 *
 * <p>Transactions are drawn from a pool of templates and made unique per block by new signature
 * bytes, so every block costs the store fresh transaction hashes without costing the generator a
 * full encoding. With {@code consistentHeaders} the header commits to the body and receipts (roots,
 * bloom, gas used) so that the store's verification passes; without it only the logs bloom is real
 * and the roots are random, which makes generation much cheaper (benchmarks).
 */
public final class MainnetLikeChain {
    /** The knobs of a block's shape. */
    public record Shape(
            int minTransactions,
            int maxTransactions,
            double emptyBlockShare,
            double meanLogsPerTransaction,
            int meanInputWords) {
        /** About 250 KB of body and eth/69 receipts and 500 to 800 logs per non-empty block. */
        public static final Shape MAINNET = new Shape(150, 200, 0.03, 4.0, 18);

        /** Small blocks for tests that need many blocks quickly. */
        public static final Shape SMALL = new Shape(0, 12, 0.2, 2.5, 4);
    }

    private static final int TEMPLATE_COUNT = 2048;
    private static final int CONTRACT_COUNT = 20_000;
    private static final int SIGNATURE_COUNT = 2_000;
    private static final int USER_COUNT = 2_000_000;

    private final Random random;
    private final RandomChain values;
    private final Shape shape;
    private final boolean consistentHeaders;
    private final byte[][] templates = new byte[TEMPLATE_COUNT][];
    private final Zipf contractPick;
    private final Zipf signaturePick;
    private final Zipf userPick;
    private final Address[] contracts = new Address[CONTRACT_COUNT];
    private final Hash[][] contractEvents = new Hash[CONTRACT_COUNT][];
    private final Hash[] signatures = new Hash[SIGNATURE_COUNT];
    private BlockHeader parent;
    private long nextNumber;

    public MainnetLikeChain(long seed, long firstNumber, Shape shape, boolean consistentHeaders) {
        this.random = new Random(seed);
        this.values = new RandomChain(seed ^ 0x5eed);
        this.shape = shape;
        this.consistentHeaders = consistentHeaders;
        this.nextNumber = firstNumber;
        this.contractPick = new Zipf(CONTRACT_COUNT, 1.3, random);
        this.signaturePick = new Zipf(SIGNATURE_COUNT, 1.2, random);
        this.userPick = new Zipf(USER_COUNT, 1.05, random);
        for (int i = 0; i < SIGNATURE_COUNT; i++) {
            signatures[i] = values.hash();
        }
        for (int i = 0; i < CONTRACT_COUNT; i++) {
            contracts[i] = values.address();
            Hash[] events = new Hash[1 + random.nextInt(3)];
            for (int e = 0; e < events.length; e++) {
                events[e] = signatures[signaturePick.next()];
            }
            contractEvents[i] = events;
        }
        TransactionTemplates factory = new TransactionTemplates(random, values);
        for (int i = 0; i < TEMPLATE_COUNT; i++) {
            templates[i] = factory.template(shape.meanInputWords());
        }
    }

    /**
     * Continues on top of {@code parent}: the next block is its child (a fork, when parent has
     * children).
     */
    public MainnetLikeChain after(BlockHeader parentHeader) {
        this.parent = parentHeader;
        this.nextNumber = parentHeader.number() + 1;
        return this;
    }

    /** The next block of the chain. */
    public FullBlock next() {
        int count =
                random.nextDouble() < shape.emptyBlockShare()
                        ? 0
                        : shape.minTransactions()
                                + random.nextInt(
                                        shape.maxTransactions() - shape.minTransactions() + 1);
        List<Transaction> transactions = new ArrayList<>(count);
        List<Receipt> receipts = new ArrayList<>(count);
        long gas = 0;
        for (int i = 0; i < count; i++) {
            Transaction tx = freshTransaction();
            gas += 21_000 + random.nextInt(180_000);
            transactions.add(tx);
            receipts.add(Receipt.withStatus(tx.type(), random.nextInt(20) > 0, gas, logs()));
        }
        List<Withdrawal> withdrawals = new ArrayList<>(16);
        for (int i = 0; i < 16; i++) {
            withdrawals.add(
                    new Withdrawal(
                            nextNumber * 16 + i,
                            random.nextInt(1_500_000),
                            values.address(),
                            random.nextInt(20_000_000)));
        }
        BlockBody body = BlockBody.of(transactions, List.of(), withdrawals);
        BlockHeaderBuilder fields =
                values.headerFields(HeaderFormat.PRAGUE)
                        .number(nextNumber)
                        .timestamp(1_700_000_000L + 12 * nextNumber)
                        .gasLimit(36_000_000L)
                        .gasUsed(gas)
                        .extraData(values.bytes(random.nextInt(33)));
        if (parent != null) {
            fields.parentHash(parent.hash());
        }
        if (consistentHeaders) {
            fields.transactionsRoot(Transactions.root(transactions))
                    .receiptsRoot(Receipts.root(receipts))
                    .logsBloom(Receipts.bloom(receipts))
                    .ommersHash(body.ommersHash())
                    .withdrawalsRoot(body.withdrawalsRoot().orElseThrow());
        } else {
            // roots stay random, but the bloom is real: bloom-filtered queries must see
            // mainnet-like blooms
            fields.logsBloom(
                    new LogsBloom.Memo()
                            .bloomOf(receipts.stream().flatMap(r -> r.logs().stream()).toList()));
        }
        BlockHeader header = fields.build();
        parent = header;
        nextNumber++;
        return new FullBlock(header, body, receipts);
    }

    public List<FullBlock> next(int count) {
        List<FullBlock> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /** A template with new signature bytes: the last 32 bytes of every encoding are {@code s}. */
    private Transaction freshTransaction() {
        byte[] encoding = templates[random.nextInt(TEMPLATE_COUNT)].clone();
        int s = encoding.length - 32;
        for (int i = 0; i < 32; i += 8) {
            long bits = random.nextLong();
            for (int b = 0; b < 8; b++) {
                encoding[s + i + b] = (byte) (bits >>> (8 * b));
            }
        }
        encoding[s] |= 0x10;
        return Transaction.decode(encoding);
    }

    private List<Log> logs() {
        int count = geometric(shape.meanLogsPerTransaction());
        List<Log> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(log());
        }
        return out;
    }

    /**
     * A log of a popular contract: its event signature, then zero to three indexed values, then
     * data words.
     */
    private Log log() {
        int contract = contractPick.next();
        Hash[] events = contractEvents[contract];
        int shapeRoll = random.nextInt(100);
        int topicCount = shapeRoll < 8 ? 1 : shapeRoll < 20 ? 2 : shapeRoll < 98 ? 3 : 4;
        List<Hash> topics = new ArrayList<>(topicCount);
        topics.add(events[random.nextInt(events.length)]);
        for (int t = 1; t < topicCount; t++) {
            topics.add(t == 3 || random.nextInt(10) == 0 ? values.hash() : paddedAddress());
        }
        int words = random.nextInt(100) < 15 ? 0 : 1 + geometric(1.0);
        byte[] data = new byte[32 * words];
        for (int w = 0; w < words; w++) {
            Words.fill(data, 32 * w, random);
        }
        return Log.of(contracts[contract], topics, data);
    }

    /** An indexed address: a user (most of them rarely seen) or a contract. */
    private Hash paddedAddress() {
        byte[] word = new byte[32];
        if (random.nextInt(5) == 0) {
            System.arraycopy(
                    contracts[contractPick.next()].unsafeArray(), 0, word, 12, Address.SIZE);
        } else {
            long user = userPick.next();
            Random u = new Random(user * 0x9E3779B97F4A7C15L);
            byte[] address = new byte[Address.SIZE];
            u.nextBytes(address);
            System.arraycopy(address, 0, word, 12, Address.SIZE);
        }
        return Hash.wrap(word);
    }

    private int geometric(double mean) {
        double p = 1.0 / (1.0 + mean);
        return (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p));
    }
}
