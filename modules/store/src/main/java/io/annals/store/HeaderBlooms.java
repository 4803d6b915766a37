package io.annals.store;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.RlpReader;
import io.annals.core.types.LogsBloom;
import io.annals.core.util.ByteSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-filter of a store without a log index: a block can hold a match only if, for every
 * clause, the logs bloom in its header has the three bits of one of the clause's values (yellow
 * paper, section 4.3.1: bit {@code i} of the 2048 is the low 11 bits of the i-th byte pair of the
 * value's Keccak-256, stored big-endian). The bits are computed once per value, and the bloom is
 * read from the header RLP in place. On mainnet a block bloom has most of its bits set, so this
 * rejects far fewer blocks than the log index; docs/architecture.md has the figures.
 */
final class HeaderBlooms {
    /** Per clause, per value: the byte index and mask of each of its three bits. */
    private final List<int[][]> clauses = new ArrayList<>();

    HeaderBlooms(CompiledLogFilter filter) {
        for (CompiledLogFilter.Clause clause : filter.clauses()) {
            int[][] values = new int[clause.values().size()][];
            for (int v = 0; v < values.length; v++) {
                byte[] h = Keccak256.hash(clause.values().get(v));
                int[] bits = new int[6];
                for (int i = 0; i < 3; i++) {
                    int bit = ((h[2 * i] & 0x07) << 8) | (h[2 * i + 1] & 0xff);
                    bits[2 * i] = LogsBloom.SIZE - 1 - (bit >>> 3);
                    bits[2 * i + 1] = 1 << (bit & 7);
                }
                values[v] = bits;
            }
            clauses.add(values);
        }
    }

    /** Whether the block with this header RLP may hold a match. */
    boolean mightMatch(byte[] header) {
        RlpReader fields = RlpReader.of(header).readList();
        for (int i = 0; i < 6; i++) {
            fields.skip(); // parent, ommers, beneficiary, state root, transactions root, receipts
            // root
        }
        ByteSlice bloom = fields.readSlice();
        for (int[][] values : clauses) {
            if (!anySet(bloom, values)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anySet(ByteSlice bloom, int[][] values) {
        for (int[] bits : values) {
            if ((bloom.get(bits[0]) & bits[1]) != 0
                    && (bloom.get(bits[2]) & bits[3]) != 0
                    && (bloom.get(bits[4]) & bits[5]) != 0) {
                return true;
            }
        }
        return false;
    }
}
