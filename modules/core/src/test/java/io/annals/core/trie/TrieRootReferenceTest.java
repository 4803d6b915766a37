package io.annals.core.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.Rlp;
import io.annals.core.types.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the one-pass root builder against a direct transcription of the yellow
 * paper's node composition function c(J, i) (appendix D), which works on unsorted key sets, gives
 * every node its own arrays and shares no code with the builder but {@link Rlp} and Keccak.
 */
class TrieRootReferenceTest {

    @Test
    void agreesOnRandomKeysIncludingKeysThatArePrefixesOfOthers() {
        Random random = new Random(31);
        for (int round = 0; round < 300; round++) {
            Map<byte[], byte[]> entries = new LinkedHashMap<>();
            List<byte[]> keys = new ArrayList<>();
            int count = 1 + random.nextInt(round < 250 ? 40 : 600);
            for (int i = 0; i < count; i++) {
                byte[] key;
                if (!keys.isEmpty() && random.nextInt(4) == 0) {
                    // a prefix or an extension of an existing key: branch values and long
                    // extensions
                    byte[] other = keys.get(random.nextInt(keys.size()));
                    key =
                            random.nextBoolean() && other.length > 1
                                    ? Arrays.copyOf(other, random.nextInt(other.length))
                                    : concat(other, bytes(random, 1 + random.nextInt(3)));
                } else {
                    key = bytes(random, 1 + random.nextInt(random.nextBoolean() ? 3 : 40));
                }
                if (keys.stream().anyMatch(k -> Arrays.equals(k, key))) {
                    continue;
                }
                keys.add(key);
                entries.put(key, value(random));
            }
            assertThat(TrieRoot.of(entries))
                    .as("round %d, %d keys", round, entries.size())
                    .isEqualTo(referenceRoot(entries));
        }
    }

    @Test
    void orderedRootAgreesForBlockSizedListsWithLargeValues() {
        Random random = new Random(32);
        for (int count : new int[] {1, 2, 15, 16, 17, 127, 128, 129, 300, 1500}) {
            List<byte[]> values = new ArrayList<>();
            Map<byte[], byte[]> byKey = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                byte[] value = value(random);
                values.add(value);
                byKey.put(Rlp.encodeLong(i), value);
            }
            assertThat(OrderedTrie.root(values))
                    .as("%d values", count)
                    .isEqualTo(referenceRoot(byKey));
        }
    }

    /** Values of every RLP string form: one byte below 0x80, short, long, and past 64 KiB. */
    private static byte[] value(Random random) {
        switch (random.nextInt(6)) {
            case 0:
                return new byte[] {(byte) random.nextInt(0x80)};
            case 1:
                return bytes(random, 1 + random.nextInt(20));
            case 2:
                return bytes(random, 20 + random.nextInt(60));
            case 3:
                return bytes(random, 56 + random.nextInt(400));
            case 4:
                return random.nextInt(20) == 0
                        ? bytes(random, 65_536 + random.nextInt(10_000))
                        : bytes(random, 300);
            default:
                return bytes(random, 1 + random.nextInt(3));
        }
    }

    // ---- reference: yellow paper appendix D, straight from the definitions ----

    private static Hash referenceRoot(Map<byte[], byte[]> entries) {
        List<byte[][]> pairs = new ArrayList<>();
        entries.forEach((k, v) -> pairs.add(new byte[][] {nibbles(k), v}));
        return Keccak256.hashOf(composition(pairs, 0));
    }

    /** c(J, i): the RLP of the node holding pairs J, whose keys agree on their first i nibbles. */
    private static byte[] composition(List<byte[][]> pairs, int i) {
        if (pairs.size() == 1) {
            byte[] key = pairs.get(0)[0];
            return Rlp.encodeList(
                    Rlp.encodeBytes(hexPrefix(key, i, key.length, true)),
                    Rlp.encodeBytes(pairs.get(0)[1]));
        }
        int j = i;
        while (allAgreeAt(pairs, j)) {
            j++;
        }
        if (j > i) {
            byte[] key = pairs.get(0)[0];
            return Rlp.encodeList(
                    Rlp.encodeBytes(hexPrefix(key, i, j, false)), reference(pairs, j));
        }
        byte[][] items = new byte[17][];
        items[16] = Rlp.EMPTY_STRING;
        for (int nibble = 0; nibble < 16; nibble++) {
            List<byte[][]> child = new ArrayList<>();
            for (byte[][] pair : pairs) {
                if (pair[0].length > i && pair[0][i] == nibble) {
                    child.add(pair);
                }
            }
            items[nibble] = child.isEmpty() ? Rlp.EMPTY_STRING : reference(child, i + 1);
        }
        for (byte[][] pair : pairs) {
            if (pair[0].length == i) {
                items[16] = Rlp.encodeBytes(pair[1]);
            }
        }
        return Rlp.encodeList(items);
    }

    /** n(J, i): the node itself when its RLP is shorter than 32 bytes, else its hash. */
    private static byte[] reference(List<byte[][]> pairs, int i) {
        byte[] node = composition(pairs, i);
        return node.length < 32 ? node : Rlp.encodeBytes(Keccak256.hash(node));
    }

    private static boolean allAgreeAt(List<byte[][]> pairs, int j) {
        for (byte[][] pair : pairs) {
            if (pair[0].length <= j || pair[0][j] != pairs.get(0)[0][j]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] hexPrefix(byte[] nibbles, int from, int to, boolean leaf) {
        List<Integer> path = new ArrayList<>();
        int flag = leaf ? 2 : 0;
        if ((to - from) % 2 == 1) {
            path.add(flag + 1);
        } else {
            path.add(flag);
            path.add(0);
        }
        for (int n = from; n < to; n++) {
            path.add((int) nibbles[n]);
        }
        byte[] out = new byte[path.size() / 2];
        for (int b = 0; b < out.length; b++) {
            out[b] = (byte) (path.get(2 * b) << 4 | path.get(2 * b + 1));
        }
        return out;
    }

    private static byte[] nibbles(byte[] key) {
        byte[] out = new byte[2 * key.length];
        for (int b = 0; b < key.length; b++) {
            out[2 * b] = (byte) ((key[b] >>> 4) & 0x0f);
            out[2 * b + 1] = (byte) (key[b] & 0x0f);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
