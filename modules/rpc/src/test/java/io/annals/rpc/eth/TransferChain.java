package io.annals.rpc.eth;

import io.annals.core.crypto.Secp256k1;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.AccessListEntry;
import io.annals.core.types.AccessListTransaction;
import io.annals.core.types.Address;
import io.annals.core.types.Authorization;
import io.annals.core.types.BlobTransaction;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.DynamicFeeTransaction;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.LegacyTransaction;
import io.annals.core.types.Log;
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
import io.annals.store.FullBlock;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * A generated chain a client library can make sense of: transactions of every type really signed by
 * a few known keys (so senders recover), and receipts whose logs are ERC-20 {@code Transfer(address
 * indexed from, address indexed to, uint256 value)} events of a few tokens between a few holders,
 * plus unrelated {@code Approval} events. Headers commit to bodies and receipts.
 */
final class TransferChain {
    static final Hash TRANSFER = Erc20.TRANSFER;
    static final Hash APPROVAL = Erc20.APPROVAL;

    final List<Address> tokens = new ArrayList<>();
    final List<Address> holders = new ArrayList<>();
    final List<byte[]> keys = new ArrayList<>();
    private final RandomChain values;
    private final long[] nonces = new long[4];
    private final Random random;
    private BlockHeader parent;
    private long next;

    TransferChain(long seed, long first) {
        values = new RandomChain(seed);
        random = values.random();
        next = first;
        for (int i = 0; i < 3; i++) {
            tokens.add(values.address());
        }
        for (int i = 0; i < 5; i++) {
            holders.add(values.address());
        }
        for (int i = 0; i < 4; i++) {
            byte[] key = new byte[32];
            key[31] = (byte) (i + 1);
            key[0] = 0x11;
            keys.add(key);
        }
    }

    Address sender(int key) {
        return Secp256k1.addressOf(Secp256k1.publicKeyOf(keys.get(key)));
    }

    List<FullBlock> next(int count) {
        List<FullBlock> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(block());
        }
        return out;
    }

    private FullBlock block() {
        List<Transaction> transactions = new ArrayList<>();
        List<Receipt> receipts = new ArrayList<>();
        long gas = 0;
        List<TransactionType> types = RandomChain.typesFor(HeaderFormat.PRAGUE);
        for (int i = random.nextInt(6); i > 0; i--) {
            int key = random.nextInt(keys.size());
            Transaction tx =
                    TransactionSigner.sign(
                            fields(types.get(random.nextInt(types.size())), nonces[key]++),
                            keys.get(key));
            gas += 21_000 + random.nextInt(100_000);
            transactions.add(tx);
            receipts.add(Receipt.withStatus(tx.type(), random.nextInt(8) > 0, gas, logs()));
        }
        List<Withdrawal> withdrawals =
                List.of(new Withdrawal(next, 7, values.address(), 1_000 + next));
        BlockBody body = BlockBody.of(transactions, List.of(), withdrawals);
        BlockHeader header =
                values.headerFields(HeaderFormat.PRAGUE)
                        .parentHash(parent == null ? values.hash() : parent.hash())
                        .number(next)
                        .timestamp(1_750_000_000L + 12 * next)
                        .gasLimit(36_000_000L)
                        .gasUsed(gas)
                        .baseFeePerGas(
                                BigInteger.valueOf(1_000_000_000L + random.nextInt(1_000_000)))
                        .blobGasUsed(0L)
                        .excessBlobGas(0L)
                        .transactionsRoot(Transactions.root(transactions))
                        .receiptsRoot(Receipts.root(receipts))
                        .logsBloom(Receipts.bloom(receipts))
                        .ommersHash(body.ommersHash())
                        .withdrawalsRoot(body.withdrawalsRoot().orElseThrow())
                        .build();
        parent = header;
        next++;
        return new FullBlock(header, body, receipts);
    }

    /**
     * Fields of the sizes real transactions have (a client library reads nonces and chain ids as
     * numbers).
     */
    private TransactionFields fields(TransactionType type, long nonce) {
        long chainId = RandomChain.CHAIN_ID;
        long gas = 21_000 + random.nextInt(500_000);
        BigInteger tip = BigInteger.valueOf(1 + random.nextInt(2_000_000_000));
        BigInteger cap = tip.add(BigInteger.valueOf(2_000_000_000L));
        BigInteger value =
                BigInteger.valueOf(random.nextInt(1_000_000)).shiftLeft(random.nextInt(40));
        Address to =
                random.nextInt(6) == 0
                        ? null
                        : random.nextBoolean()
                                ? tokens.get(random.nextInt(tokens.size()))
                                : holder();
        ByteSlice input = ByteSlice.of(values.varBytes(100));
        List<AccessListEntry> accessList =
                random.nextBoolean()
                        ? List.of()
                        : List.of(new AccessListEntry(tokens.get(0), List.of(values.hash())));
        return switch (type) {
            case LEGACY ->
                    LegacyTransaction.unsigned(
                            nonce, cap, gas, to, value, input.toArray(), OptionalLong.of(chainId));
            case ACCESS_LIST ->
                    new AccessListTransaction(
                            chainId,
                            nonce,
                            cap,
                            gas,
                            to,
                            value,
                            input,
                            accessList,
                            0,
                            BigInteger.ZERO,
                            BigInteger.ZERO);
            case DYNAMIC_FEE ->
                    new DynamicFeeTransaction(
                            chainId,
                            nonce,
                            tip,
                            cap,
                            gas,
                            to,
                            value,
                            input,
                            accessList,
                            0,
                            BigInteger.ZERO,
                            BigInteger.ZERO);
            case BLOB ->
                    new BlobTransaction(
                            chainId,
                            nonce,
                            tip,
                            cap,
                            gas,
                            holder(),
                            value,
                            input,
                            accessList,
                            BigInteger.valueOf(1 + random.nextInt(1000)),
                            List.of(blobHash()),
                            0,
                            BigInteger.ZERO,
                            BigInteger.ZERO);
            case SET_CODE ->
                    new SetCodeTransaction(
                            chainId,
                            nonce,
                            tip,
                            cap,
                            gas,
                            holder(),
                            value,
                            input,
                            accessList,
                            List.of(
                                    new Authorization(
                                            BigInteger.ONE,
                                            tokens.get(1),
                                            random.nextInt(100),
                                            random.nextInt(2),
                                            new BigInteger(255, random),
                                            new BigInteger(255, random))),
                            0,
                            BigInteger.ZERO,
                            BigInteger.ZERO);
        };
    }

    /** A KZG versioned hash: version byte 0x01, then 31 bytes. */
    private Hash blobHash() {
        byte[] hash = values.bytes(32);
        hash[0] = 0x01;
        return Hash.wrap(hash);
    }

    private List<Log> logs() {
        List<Log> out = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            Hash event = random.nextInt(4) == 0 ? APPROVAL : TRANSFER;
            Address token = tokens.get(random.nextInt(tokens.size()));
            byte[] amount = new byte[32];
            BigInteger value =
                    BigInteger.valueOf(random.nextInt(1_000_000_000)).shiftLeft(random.nextInt(60));
            byte[] v = value.toByteArray();
            System.arraycopy(
                    v,
                    Math.max(0, v.length - 32),
                    amount,
                    32 - Math.min(32, v.length),
                    Math.min(32, v.length));
            out.add(Log.of(token, List.of(event, padded(holder()), padded(holder())), amount));
        }
        return out;
    }

    private Address holder() {
        return holders.get(random.nextInt(holders.size()));
    }

    static Hash padded(Address address) {
        return Erc20.topic(address);
    }
}
