package io.annals.core.trie;

import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.core.util.Bytes;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The root of the trie that maps {@code rlp(i)} to the i-th value, for i in 0..n-1: the {@code
 * transactionsRoot}, {@code receiptsRoot} and {@code withdrawalsRoot} of a block header.
 *
 * <p>This is on the sync hot path (hundreds of transactions and receipts per block), so the keys
 * are never sorted at run time: by their RLP bytes the indices order as 1..127 (single bytes
 * 0x01..0x7f), then 0 (0x80), then 128..n-1 (0x81xx, 0x82xxxx, ... in numeric order), and the root
 * is built in one recursive pass over that order.
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
        return rootOfSlices(count, index -> ByteSlice.of(valueAt.apply(index)));
    }

    /**
     * As {@link #root(int, IntFunction)}, over views: the values may lie side by side in one buffer
     * (a block's receipts encoded back to back), which must not change before this returns.
     */
    public static Hash rootOfSlices(int count, IntFunction<ByteSlice> valueAt) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        ByteSlice[] values = new ByteSlice[count];
        for (int position = 0; position < count; position++) {
            int index = indexAt(position, count);
            ByteSlice value = valueAt.apply(index);
            if (value.isEmpty()) {
                throw new IllegalArgumentException("value " + index + " is empty");
            }
            values[position] = value;
        }
        return new TrieRootBuilder(rlpIndexKeys(count), values).root();
    }

    /**
     * The index whose RLP encoding is the {@code position}-th smallest of 0..count-1: 1..127 come
     * first, then 0, then 128 onwards.
     */
    static int indexAt(int position, int count) {
        int oneByteKeys = Math.min(count, 0x80);
        if (position < oneByteKeys - 1) {
            return position + 1;
        }
        return position == oneByteKeys - 1 ? 0 : position;
    }

    /** {@code rlp(indexAt(p))} for every position p, in one array. */
    static PackedKeys rlpIndexKeys(int count) {
        int[] offsets = new int[count + 1];
        for (int position = 0; position < count; position++) {
            offsets[position + 1] = offsets[position] + rlpLength(indexAt(position, count));
        }
        byte[] bytes = new byte[offsets[count]];
        for (int position = 0; position < count; position++) {
            writeRlp(indexAt(position, count), bytes, offsets[position]);
        }
        return new PackedKeys(bytes, offsets);
    }

    private static int rlpLength(int index) {
        return index > 0 && index < 0x80 ? 1 : 1 + Bytes.unsignedByteLength(index);
    }

    /**
     * The RLP integer encoding: one byte below 0x80 (zero is the empty string), else 0x80 + length
     * and the big-endian bytes.
     */
    private static void writeRlp(int index, byte[] out, int at) {
        if (index > 0 && index < 0x80) {
            out[at] = (byte) index;
            return;
        }
        int length = Bytes.unsignedByteLength(index);
        out[at] = (byte) (0x80 + length);
        for (int i = 1; i <= length; i++) {
            out[at + i] = (byte) (index >>> (8 * (length - i)));
        }
    }
}
