package io.annals.core.types;

import io.annals.core.crypto.KeccakBatch;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.trie.OrderedTrie;
import io.annals.core.util.ByteSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's transaction list in its body form (legacy transactions as RLP lists, typed ones as RLP
 * strings holding {@code type || payload}), and the {@code transactionsRoot} over it.
 */
public final class Transactions {
    private Transactions() {}

    public static List<Transaction> readList(RlpReader reader) {
        int at = reader.position();
        RlpReader items = reader.readList();
        List<Transaction> out = new ArrayList<>();
        while (items.hasNext()) {
            DecodeLimits.checkCount(
                    out.size() + 1, DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK, "transactions", at);
            out.add(Transaction.readBodyItem(items));
        }
        return out;
    }

    public static void writeList(RlpWriter w, List<Transaction> transactions) {
        int mark = w.startList();
        for (Transaction t : transactions) {
            t.writeBodyItem(w);
        }
        w.endList(mark);
    }

    /** Decodes exactly one body-form transaction list. */
    public static List<Transaction> decodeList(byte[] encoded) {
        RlpReader reader = RlpReader.of(encoded);
        List<Transaction> out = readList(reader);
        reader.ensureEnd();
        return out;
    }

    public static byte[] encodeList(List<Transaction> transactions) {
        int size = 16;
        for (Transaction t : transactions) {
            size += t.encodedLength() + 9;
        }
        RlpWriter w = new RlpWriter(size);
        writeList(w, transactions);
        return w.toByteArray();
    }

    /**
     * Computes and memoises the hash of every transaction not hashed yet, many at a time (one
     * {@link KeccakBatch}): what the store keys every transaction by.
     */
    public static void hashAll(List<Transaction> transactions) {
        KeccakBatch batch = new KeccakBatch(transactions.size());
        List<Transaction> pending = new ArrayList<>(transactions.size());
        List<byte[]> digests = new ArrayList<>(transactions.size());
        for (Transaction transaction : transactions) {
            if (!transaction.hasHash()) {
                ByteSlice encoding = transaction.encodingSlice();
                byte[] digest = new byte[Hash.SIZE];
                batch.add(encoding.array(), encoding.offset(), encoding.length(), digest, 0);
                pending.add(transaction);
                digests.add(digest);
            }
        }
        batch.run();
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).presetHash(Hash.wrap(digests.get(i)));
        }
    }

    /** The transactions root: the ordered trie over the canonical encodings. */
    public static Hash root(List<Transaction> transactions) {
        return OrderedTrie.rootOfSlices(
                transactions.size(), i -> transactions.get(i).encodingSlice());
    }
}
