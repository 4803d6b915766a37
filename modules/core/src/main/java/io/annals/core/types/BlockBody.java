package io.annals.core.types;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.trie.OrderedTrie;
import io.annals.core.util.ByteSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A block body as the eth protocol's BlockBodies message carries it: {@code [transactions,
 * ommers]}, plus {@code withdrawals} from Shanghai on. Fields after those (a future fork's) are
 * kept raw so the body still re-encodes exactly. Every part re-encodes to its original bytes
 * (transactions and ommers keep theirs; withdrawals are canonical RLP), so {@link #encode()}
 * reproduces the input. A body read from bytes also keeps a view of exactly those bytes ({@link
 * #encoded()}), so that writing it (sync writes bodies as received) needs no re-encoding.
 */
public final class BlockBody {
    private final List<Transaction> transactions;
    private final List<BlockHeader> ommers;
    private final List<Withdrawal> withdrawals;
    private final List<ByteSlice> unknownFields;

    /** The bytes this body was read from; null for a body built from its parts. */
    private final ByteSlice received;

    private BlockBody(
            List<Transaction> transactions,
            List<BlockHeader> ommers,
            List<Withdrawal> withdrawals,
            List<ByteSlice> unknownFields,
            ByteSlice received) {
        this.transactions = List.copyOf(transactions);
        this.ommers = List.copyOf(ommers);
        this.withdrawals = withdrawals == null ? null : List.copyOf(withdrawals);
        this.unknownFields = List.copyOf(unknownFields);
        this.received = received;
    }

    /** A body; {@code withdrawals} is null before Shanghai. */
    public static BlockBody of(
            List<Transaction> transactions,
            List<BlockHeader> ommers,
            List<Withdrawal> withdrawals) {
        if (ommers.size() > DecodeLimits.MAX_OMMERS) {
            throw new IllegalArgumentException(
                    "a block has at most " + DecodeLimits.MAX_OMMERS + " ommers");
        }
        return new BlockBody(transactions, ommers, withdrawals, List.of(), null);
    }

    public static BlockBody read(RlpReader reader) {
        int start = reader.position();
        RlpReader f = reader.readList();
        List<Transaction> transactions = Transactions.readList(f);
        int ommersAt = f.position();
        RlpReader ommerItems = f.readList();
        List<BlockHeader> ommers = new ArrayList<>(0);
        while (ommerItems.hasNext()) {
            DecodeLimits.checkCount(ommers.size() + 1, DecodeLimits.MAX_OMMERS, "ommers", ommersAt);
            ommers.add(BlockHeader.read(ommerItems));
        }
        List<Withdrawal> withdrawals = null;
        if (f.hasNext()) {
            int at = f.position();
            RlpReader items = f.readList();
            withdrawals = new ArrayList<>();
            while (items.hasNext()) {
                DecodeLimits.checkCount(
                        withdrawals.size() + 1, DecodeLimits.MAX_WITHDRAWALS, "withdrawals", at);
                withdrawals.add(Withdrawal.read(items));
            }
        }
        List<ByteSlice> unknown = new ArrayList<>(0);
        while (f.hasNext()) {
            DecodeLimits.checkCount(
                    unknown.size() + 1,
                    DecodeLimits.MAX_UNKNOWN_FIELDS,
                    "unknown body fields",
                    f.position());
            unknown.add(ByteSlice.of(f.readRaw()));
        }
        ByteSlice received = new ByteSlice(reader.array(), start, reader.position() - start);
        return new BlockBody(transactions, ommers, withdrawals, unknown, received);
    }

    public static BlockBody decode(byte[] encoded) {
        RlpReader reader = RlpReader.of(encoded);
        BlockBody body = read(reader);
        reader.ensureEnd();
        return body;
    }

    public void write(RlpWriter w) {
        int mark = w.startList();
        Transactions.writeList(w, transactions);
        writeOmmers(w);
        if (withdrawals != null) {
            int list = w.startList();
            for (Withdrawal wd : withdrawals) {
                wd.write(w);
            }
            w.endList(list);
        }
        for (ByteSlice field : unknownFields) {
            w.writeRaw(field);
        }
        w.endList(mark);
    }

    public byte[] encode() {
        RlpWriter w = new RlpWriter(4096);
        write(w);
        return w.toByteArray();
    }

    /**
     * The encoding without a copy where there is one: a view of the bytes this body was read from
     * (equal to {@link #encode()}, which reproduces its input), else a fresh encoding. Do not
     * modify.
     */
    public ByteSlice encoded() {
        return received != null ? received : ByteSlice.of(encode());
    }

    public List<Transaction> transactions() {
        return transactions;
    }

    public List<BlockHeader> ommers() {
        return ommers;
    }

    /** Empty before Shanghai. */
    public Optional<List<Withdrawal>> withdrawals() {
        return Optional.ofNullable(withdrawals);
    }

    public List<ByteSlice> unknownFields() {
        return unknownFields;
    }

    public Hash transactionsRoot() {
        return Transactions.root(transactions);
    }

    /** Keccak-256 of the RLP list of ommer headers (the header's ommersHash). */
    public Hash ommersHash() {
        RlpWriter w = new RlpWriter(600 * ommers.size() + 8);
        writeOmmers(w);
        return Keccak256.hashOf(w.toByteArray());
    }

    /** The withdrawals root; empty before Shanghai. */
    public Optional<Hash> withdrawalsRoot() {
        if (withdrawals == null) {
            return Optional.empty();
        }
        return Optional.of(OrderedTrie.root(withdrawals.size(), i -> withdrawals.get(i).encode()));
    }

    /**
     * Describes the first way this body fails to match {@code header} (transactions root, ommers
     * hash, withdrawals root and their presence); empty when it matches.
     */
    public Optional<String> mismatchWith(BlockHeader header) {
        Hash txRoot = transactionsRoot();
        if (!txRoot.equals(header.transactionsRoot())) {
            return Optional.of(
                    "transactions root " + txRoot + " != header " + header.transactionsRoot());
        }
        Hash ommersHash = ommersHash();
        if (!ommersHash.equals(header.ommersHash())) {
            return Optional.of("ommers hash " + ommersHash + " != header " + header.ommersHash());
        }
        Optional<Hash> wdRoot = withdrawalsRoot();
        if (!wdRoot.equals(header.withdrawalsRoot())) {
            return Optional.of(
                    "withdrawals root "
                            + wdRoot.map(Hash::toString).orElse("absent")
                            + " != header "
                            + header.withdrawalsRoot().map(Hash::toString).orElse("absent"));
        }
        return Optional.empty();
    }

    private void writeOmmers(RlpWriter w) {
        int mark = w.startList();
        for (BlockHeader ommer : ommers) {
            w.writeRaw(ommer.unsafeEncoding());
        }
        w.endList(mark);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockBody b
                && transactions.equals(b.transactions)
                && ommers.equals(b.ommers)
                && Objects.equals(withdrawals, b.withdrawals)
                && unknownFields.equals(b.unknownFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactions, ommers, withdrawals, unknownFields);
    }

    @Override
    public String toString() {
        return "BlockBody{transactions="
                + transactions.size()
                + ", ommers="
                + ommers.size()
                + ", withdrawals="
                + (withdrawals == null ? "absent" : withdrawals.size())
                + "}";
    }
}
