package io.annals.core.testing;

import io.annals.core.types.AccessListEntry;
import io.annals.core.types.AccessListTransaction;
import io.annals.core.types.Address;
import io.annals.core.types.Authorization;
import io.annals.core.types.BlobTransaction;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.BlockHeaderBuilder;
import io.annals.core.types.DynamicFeeTransaction;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.LegacyTransaction;
import io.annals.core.types.Log;
import io.annals.core.types.LogsBloom;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.types.SetCodeTransaction;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionFields;
import io.annals.core.types.TransactionSigner;
import io.annals.core.types.TransactionType;
import io.annals.core.types.Transactions;
import io.annals.core.types.Withdrawal;
import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * A seeded generator of random but well-formed chain data, shared with other modules' tests and
 * benchmarks through the core test-jar: field values, headers of every layout, transactions of
 * every type, receipts, withdrawals, and whole blocks and chains whose headers commit to their
 * bodies and receipts (transactions, receipts, withdrawals and ommers roots, logs bloom, gas used,
 * parent hash).
 *
 * <p>Transactions from {@link #transaction} carry random signature scalars (cheap, not
 * recoverable); {@link #signedTransaction} signs for real. The same seed always gives the same
 * data.
 */
public final class RandomChain {
    /** The chain id the generated transactions use unless told otherwise. */
    public static final long CHAIN_ID = 1;

    private final Random random;

    public RandomChain(long seed) {
        this.random = new Random(seed);
    }

    /** A header with its body and receipts, consistent with each other. */
    public record GeneratedBlock(BlockHeader header, BlockBody body, List<Receipt> receipts) {}

    public Random random() {
        return random;
    }

    public Hash hash() {
        return Hash.wrap(bytes(Hash.SIZE));
    }

    public Address address() {
        return Address.wrap(bytes(Address.SIZE));
    }

    public byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** Bytes of a random length up to {@code maxLength}, favouring the RLP length boundaries. */
    public byte[] varBytes(int maxLength) {
        int[] edges = {0, 1, 55, 56, 57};
        int length =
                random.nextInt(4) == 0
                        ? Math.min(maxLength, edges[random.nextInt(edges.length)])
                        : random.nextInt(maxLength + 1);
        byte[] b = bytes(length);
        if (length == 1 && random.nextBoolean()) {
            b[0] &= 0x7f;
        }
        return b;
    }

    /**
     * An unsigned 64-bit value in {@code long} bits, favouring boundaries (0, 127, 128, 2^63,
     * 2^64-1).
     */
    public long uint64() {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> random.nextInt(0x80);
            case 2 -> 0x80 + random.nextInt(0x80);
            case 3 -> -1L;
            case 4 -> Long.MIN_VALUE;
            case 5 -> random.nextInt(1 << 24);
            default -> random.nextLong();
        };
    }

    /** An unsigned value below 2^bits. */
    public BigInteger unsigned(int bits) {
        return switch (random.nextInt(5)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.valueOf(random.nextInt(1000));
            case 2 -> BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            default -> new BigInteger(bits, random);
        };
    }

    public BigInteger uint256() {
        return unsigned(256);
    }

    /** A random header of the given layout, its roots unrelated to any body. */
    public BlockHeader header(HeaderFormat format) {
        return headerFields(format).build();
    }

    /** The fields of a random header of the given layout, for callers that adjust them. */
    public BlockHeaderBuilder headerFields(HeaderFormat format) {
        BlockHeaderBuilder b =
                BlockHeader.builder()
                        .parentHash(hash())
                        .ommersHash(hash())
                        .beneficiary(address())
                        .stateRoot(hash())
                        .transactionsRoot(hash())
                        .receiptsRoot(hash())
                        .logsBloom(LogsBloom.wrap(bytes(256)))
                        .difficulty(uint256())
                        .number(uint64())
                        .gasLimit(uint64())
                        .gasUsed(uint64())
                        .timestamp(uint64())
                        .extraData(varBytes(32))
                        .mixHash(hash())
                        .nonce(random.nextLong());
        int fields = format.fieldCount();
        if (fields >= HeaderFormat.LONDON.fieldCount()) {
            b.baseFeePerGas(uint256());
        }
        if (fields >= HeaderFormat.SHANGHAI.fieldCount()) {
            b.withdrawalsRoot(hash());
        }
        if (fields >= HeaderFormat.CANCUN.fieldCount()) {
            b.blobGasUsed(uint64()).excessBlobGas(uint64()).parentBeaconBlockRoot(hash());
        }
        if (fields >= HeaderFormat.PRAGUE.fieldCount()) {
            b.requestsHash(hash());
        }
        if (fields >= HeaderFormat.AMSTERDAM.fieldCount()) {
            b.blockAccessListHash(hash());
        }
        return b;
    }

    /** The transaction types a block of this header layout may hold. */
    public static List<TransactionType> typesFor(HeaderFormat format) {
        return switch (format) {
            case FRONTIER -> List.of(TransactionType.LEGACY, TransactionType.ACCESS_LIST);
            case LONDON, SHANGHAI ->
                    List.of(
                            TransactionType.LEGACY,
                            TransactionType.ACCESS_LIST,
                            TransactionType.DYNAMIC_FEE);
            case CANCUN ->
                    List.of(
                            TransactionType.LEGACY,
                            TransactionType.ACCESS_LIST,
                            TransactionType.DYNAMIC_FEE,
                            TransactionType.BLOB);
            default -> List.of(TransactionType.values());
        };
    }

    /** Random fields of the given type with random signature scalars (not recoverable). */
    public TransactionFields transactionFields(TransactionType type) {
        return unsignedFields(type, random.nextBoolean() ? CHAIN_ID : random.nextInt(1 << 20))
                .withSignature(
                        random.nextInt(2),
                        new BigInteger(256, random),
                        new BigInteger(256, random));
    }

    public Transaction transaction(TransactionType type) {
        return transactionFields(type).toTransaction();
    }

    /** A transaction signed by {@code privateKey}; legacy ones are EIP-155 or not at random. */
    public Transaction signedTransaction(TransactionType type, byte[] privateKey, long chainId) {
        return TransactionSigner.sign(unsignedFields(type, chainId), privateKey);
    }

    /** Unsigned random fields; a legacy transaction commits to {@code chainId} half of the time. */
    public TransactionFields unsignedFields(TransactionType type, long chainId) {
        long nonce = uint64();
        long gas = uint64();
        BigInteger value = uint256();
        ByteSlice input = ByteSlice.of(varBytes(200));
        Address to = random.nextInt(5) == 0 ? null : address();
        return switch (type) {
            case LEGACY ->
                    LegacyTransaction.unsigned(
                            nonce,
                            uint256(),
                            gas,
                            to,
                            value,
                            input.toArray(),
                            random.nextBoolean() ? OptionalLong.of(chainId) : OptionalLong.empty());
            case ACCESS_LIST ->
                    new AccessListTransaction(
                            chainId,
                            nonce,
                            uint256(),
                            gas,
                            to,
                            value,
                            input,
                            accessList(),
                            0,
                            BigInteger.ZERO,
                            BigInteger.ZERO);
            case DYNAMIC_FEE ->
                    new DynamicFeeTransaction(
                            chainId,
                            nonce,
                            uint256(),
                            uint256(),
                            gas,
                            to,
                            value,
                            input,
                            accessList(),
                            0,
                            BigInteger.ZERO,
                            BigInteger.ZERO);
            case BLOB ->
                    new BlobTransaction(
                            chainId,
                            nonce,
                            uint256(),
                            uint256(),
                            gas,
                            address(),
                            value,
                            input,
                            accessList(),
                            uint256(),
                            hashes(1 + random.nextInt(6)),
                            0,
                            BigInteger.ZERO,
                            BigInteger.ZERO);
            case SET_CODE ->
                    new SetCodeTransaction(
                            chainId,
                            nonce,
                            uint256(),
                            uint256(),
                            gas,
                            address(),
                            value,
                            input,
                            accessList(),
                            authorizations(),
                            0,
                            BigInteger.ZERO,
                            BigInteger.ZERO);
        };
    }

    public List<AccessListEntry> accessList() {
        List<AccessListEntry> out = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            out.add(new AccessListEntry(address(), hashes(random.nextInt(3))));
        }
        return out;
    }

    public List<Authorization> authorizations() {
        List<Authorization> out = new ArrayList<>();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            out.add(
                    new Authorization(
                            uint256(),
                            address(),
                            uint64(),
                            random.nextInt(256),
                            uint256(),
                            uint256()));
        }
        return out;
    }

    public List<Hash> hashes(int count) {
        List<Hash> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(hash());
        }
        return out;
    }

    public Log log() {
        return Log.of(address(), hashes(random.nextInt(5)), varBytes(100));
    }

    public List<Log> logs(int max) {
        List<Log> out = new ArrayList<>();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            out.add(log());
        }
        return out;
    }

    /**
     * A random receipt of the given type: a status receipt, or a pre-Byzantium one carrying a state
     * root.
     */
    public Receipt receipt(int type, boolean preByzantium) {
        long cumulativeGas = uint64();
        return preByzantium
                ? Receipt.withPostState(type, hash(), cumulativeGas, logs(3))
                : Receipt.withStatus(type, random.nextBoolean(), cumulativeGas, logs(3));
    }

    public Withdrawal withdrawal() {
        return new Withdrawal(uint64(), uint64(), address(), uint64());
    }

    /**
     * A block on top of {@code parent} (or a first block when null) of the given layout, with
     * {@code transactionCount} transactions and matching receipts. Pre-London blocks get up to two
     * ommers; Shanghai and later blocks get up to sixteen withdrawals.
     */
    public GeneratedBlock block(BlockHeader parent, HeaderFormat format, int transactionCount) {
        List<TransactionType> types = typesFor(format);
        List<Transaction> transactions = new ArrayList<>(transactionCount);
        List<Receipt> receipts = new ArrayList<>(transactionCount);
        long cumulativeGas = 0;
        for (int i = 0; i < transactionCount; i++) {
            Transaction tx = transaction(types.get(random.nextInt(types.size())));
            cumulativeGas += 21_000 + random.nextInt(200_000);
            transactions.add(tx);
            receipts.add(
                    Receipt.withStatus(tx.type(), random.nextInt(10) > 0, cumulativeGas, logs(3)));
        }
        List<BlockHeader> ommers = new ArrayList<>();
        if (format == HeaderFormat.FRONTIER) {
            for (int i = random.nextInt(3); i > 0; i--) {
                ommers.add(header(HeaderFormat.FRONTIER));
            }
        }
        List<Withdrawal> withdrawals = null;
        if (format.fieldCount() >= HeaderFormat.SHANGHAI.fieldCount()) {
            withdrawals = new ArrayList<>();
            for (int i = random.nextInt(17); i > 0; i--) {
                withdrawals.add(withdrawal());
            }
        }
        BlockBody body = BlockBody.of(transactions, ommers, withdrawals);
        long number = parent == null ? 1 + random.nextInt(1_000_000) : parent.number() + 1;
        long timestamp = parent == null ? 1_700_000_000L : parent.timestamp() + 12;
        BlockHeaderBuilder fields =
                headerFields(format)
                        .parentHash(parent == null ? hash() : parent.hash())
                        .number(number)
                        .timestamp(timestamp)
                        .gasLimit(60_000_000L)
                        .gasUsed(cumulativeGas)
                        .transactionsRoot(Transactions.root(transactions))
                        .receiptsRoot(Receipts.root(receipts))
                        .logsBloom(Receipts.bloom(receipts))
                        .ommersHash(body.ommersHash());
        body.withdrawalsRoot().ifPresent(fields::withdrawalsRoot);
        return new GeneratedBlock(fields.build(), body, receipts);
    }

    /** {@code length} consecutive blocks of one layout, each the parent of the next. */
    public List<GeneratedBlock> chain(
            int length, HeaderFormat format, int maxTransactionsPerBlock) {
        List<GeneratedBlock> out = new ArrayList<>(length);
        BlockHeader parent = null;
        for (int i = 0; i < length; i++) {
            GeneratedBlock block =
                    block(parent, format, random.nextInt(maxTransactionsPerBlock + 1));
            out.add(block);
            parent = block.header();
        }
        return out;
    }
}
