package io.annals.core.trie;

import io.annals.core.rlp.Rlp;
import io.annals.core.types.Hash;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The root of the trie that maps {@code rlp(i)} to the i-th value, for i in 0..n-1: the
 * {@code transactionsRoot}, {@code receiptsRoot} and {@code withdrawalsRoot} of a block header.
 *
 * <p>This is on the sync hot path (hundreds of transactions and receipts per block), so the keys are
 * never sorted at run time: by their RLP bytes the indices order as 1..127 (single bytes 0x01..0x7f),
 * then 0 (0x80), then 128..n-1 (0x81xx, 0x82xxxx, ... in numeric order), and the root is built in
 * one recursive pass over that order.
 */
public final class OrderedTrie {
    private OrderedTrie() {}

    public static Hash root(List<byte[]> values) {
        return root(values.size(), values::get);
    }

    /**
     * The root over {@code count} values supplied by index.
     *
     * @throws IllegalArgumentException when a value is empty (an empty value would mean "absent")
     */
    public static Hash root(int count, IntFunction<byte[]> valueAt) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        byte[][] keys = new byte[count][];
        byte[][] values = new byte[count][];
        int position = 0;
        for (int index : sortedIndices(count)) {
            byte[] value = valueAt.apply(index);
            if (value.length == 0) {
                throw new IllegalArgumentException("value " + index + " is empty");
            }
            keys[position] = TrieRoot.toNibbles(Rlp.encodeLong(index));
            values[position] = value;
            position++;
        }
        return new TrieRootBuilder(keys, values).root();
    }

    /** The indices 0..count-1 in the order of their RLP encodings. */
    static int[] sortedIndices(int count) {
        int[] order = new int[count];
        int at = 0;
        for (int i = 1; i < Math.min(count, 0x80); i++) {
            order[at++] = i;
        }
        if (count > 0) {
            order[at++] = 0;
        }
        for (int i = 0x80; i < count; i++) {
            order[at++] = i;
        }
        return order;
    }
}
