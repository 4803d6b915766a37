package io.annals.core.trie;

import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The root hash of a Merkle-Patricia trie holding a given set of key/value pairs (yellow paper,
 * appendix D), computed without building a mutable trie. For the per-block lists keyed by index
 * (transactions, receipts, withdrawals) use {@link OrderedTrie}, which skips the sort.
 */
public final class TrieRoot {
    /** The root of the empty trie: Keccak-256 of the RLP empty string. */
    public static final Hash EMPTY =
            Hash.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    private TrieRoot() {}

    /**
     * The root over {@code entries}. An empty value means "absent", as in the trie itself, so such
     * entries are left out.
     *
     * @throws IllegalArgumentException when a key appears twice
     */
    public static Hash of(Map<byte[], byte[]> entries) {
        List<Map.Entry<byte[], byte[]>> present = new ArrayList<>(entries.size());
        for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
            if (e.getValue().length > 0) {
                present.add(e);
            }
        }
        present.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
        byte[][] keys = new byte[present.size()][];
        ByteSlice[] values = new ByteSlice[present.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = present.get(i).getKey();
            values[i] = ByteSlice.of(present.get(i).getValue());
            if (i > 0 && Arrays.equals(keys[i - 1], keys[i])) {
                throw new IllegalArgumentException("duplicate trie key at sorted position " + i);
            }
        }
        return new TrieRootBuilder(PackedKeys.of(keys), values).root();
    }
}
