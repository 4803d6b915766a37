package io.annals.core.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.Rlp;
import io.annals.core.types.Hash;
import io.annals.core.util.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official ethereum/tests TrieTests vectors (see {@code trie/README.md}) and properties of the
 * ordered root.
 */
class TrieRootTest {

    static Stream<Arguments> anyOrderVectors() {
        ConfigObject tests = load("trie/trieanyorder.json");
        List<Arguments> out = new ArrayList<>();
        for (String name : tests.keySet()) {
            ConfigObject test = (ConfigObject) tests.get(name);
            ConfigObject in = (ConfigObject) test.get("in");
            Map<byte[], byte[]> entries = new LinkedHashMap<>();
            for (String key : in.keySet()) {
                entries.put(bytesOf(key), bytesOf((String) in.get(key).unwrapped()));
            }
            out.add(
                    Arguments.of(
                            name, entries, Hash.fromHex((String) test.get("root").unwrapped())));
        }
        return out.stream();
    }

    /** Ordered operations with deletions: the root depends only on the final contents. */
    static Stream<Arguments> orderedVectors() {
        ConfigObject tests = load("trie/trietest.json");
        List<Arguments> out = new ArrayList<>();
        for (String name : tests.keySet()) {
            ConfigObject test = (ConfigObject) tests.get(name);
            Map<String, byte[]> state = new TreeMap<>();
            for (ConfigValue op : (ConfigList) test.get("in")) {
                ConfigList pair = (ConfigList) op;
                String key = Hex.encode(bytesOf((String) pair.get(0).unwrapped()));
                if (pair.get(1).valueType() == ConfigValueType.NULL) {
                    state.remove(key);
                } else {
                    state.put(key, bytesOf((String) pair.get(1).unwrapped()));
                }
            }
            Map<byte[], byte[]> entries = new LinkedHashMap<>();
            state.forEach((k, v) -> entries.put(Hex.decode(k), v));
            out.add(
                    Arguments.of(
                            name, entries, Hash.fromHex((String) test.get("root").unwrapped())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "trieanyorder {0}")
    @MethodSource("anyOrderVectors")
    void matchesTrieAnyOrderVectors(String name, Map<byte[], byte[]> entries, Hash root) {
        assertThat(TrieRoot.of(entries)).isEqualTo(root);
    }

    @ParameterizedTest(name = "trietest {0}")
    @MethodSource("orderedVectors")
    void matchesTrieTestVectors(String name, Map<byte[], byte[]> entries, Hash root) {
        assertThat(TrieRoot.of(entries)).isEqualTo(root);
    }

    @Test
    void emptyTrieRootIsTheHashOfTheEmptyString() {
        assertThat(TrieRoot.EMPTY).isEqualTo(Keccak256.hashOf(Rlp.EMPTY_STRING));
        assertThat(OrderedTrie.root(List.of())).isEqualTo(TrieRoot.EMPTY);
        assertThat(TrieRoot.of(Map.of())).isEqualTo(TrieRoot.EMPTY);
    }

    @Test
    void keysOrderByTheirRlpBytes() {
        for (int count : new int[] {0, 1, 2, 127, 128, 129, 255, 256, 257, 1000, 70_000}) {
            boolean[] seen = new boolean[count];
            for (int position = 0; position < count; position++) {
                int index = OrderedTrie.indexAt(position, count);
                assertThat(seen[index]).as("index %d twice", index).isFalse();
                seen[index] = true;
                if (position > 0) {
                    int previous = OrderedTrie.indexAt(position - 1, count);
                    assertThat(
                                    Arrays.compareUnsigned(
                                            Rlp.encodeLong(previous), Rlp.encodeLong(index)))
                            .as("rlp(%d) < rlp(%d)", previous, index)
                            .isNegative();
                }
            }
        }
    }

    @Test
    void packedIndexKeysAreTheRlpOfEachIndexInKeyOrder() {
        for (int count : new int[] {0, 1, 127, 128, 129, 256, 70_000}) {
            PackedKeys keys = OrderedTrie.rlpIndexKeys(count);
            assertThat(keys.count()).isEqualTo(count);
            for (int position = 0; position < count; position++) {
                byte[] expected = Rlp.encodeLong(OrderedTrie.indexAt(position, count));
                assertThat(keys.nibbleLength(position)).isEqualTo(2 * expected.length);
                for (int i = 0; i < 2 * expected.length; i++) {
                    int b = expected[i / 2] & 0xff;
                    assertThat(keys.nibble(position, i)).isEqualTo(i % 2 == 0 ? b >>> 4 : b & 0x0f);
                }
            }
        }
    }

    /**
     * The ordered root (fixed order, no sort) agrees with the general root (sorted by comparator).
     */
    @Test
    void orderedRootEqualsTheGeneralRootOverRlpIndexKeys() {
        Random random = new Random(2024);
        for (int count : new int[] {1, 2, 3, 16, 17, 127, 128, 129, 200, 256, 300, 1100}) {
            List<byte[]> values = new ArrayList<>();
            Map<byte[], byte[]> byKey = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                byte[] value = new byte[1 + random.nextInt(random.nextBoolean() ? 8 : 120)];
                random.nextBytes(value);
                values.add(value);
                byKey.put(Rlp.encodeLong(i), value);
            }
            assertThat(OrderedTrie.root(values))
                    .as("%d values", count)
                    .isEqualTo(TrieRoot.of(byKey));
        }
    }

    @Test
    void rejectsEmptyValuesAndDuplicateKeys() {
        assertThatThrownBy(() -> OrderedTrie.root(List.of(new byte[] {1}, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        Map<byte[], byte[]> duplicate = new LinkedHashMap<>();
        duplicate.put(new byte[] {1, 2}, new byte[] {3});
        duplicate.put(new byte[] {1, 2}, new byte[] {4});
        assertThatThrownBy(() -> TrieRoot.of(duplicate))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hexPrefixMatchesTheYellowPaperTable() {
        PackedKeys keys = PackedKeys.of(new byte[][] {Hex.decode("012345"), Hex.decode("0f1cb8")});
        assertThat(hexPrefix(keys, 0, 1, 6, false)).containsExactly(0x11, 0x23, 0x45);
        assertThat(hexPrefix(keys, 0, 0, 6, false)).containsExactly(0x00, 0x01, 0x23, 0x45);
        assertThat(hexPrefix(keys, 1, 0, 6, true)).containsExactly(0x20, 0x0f, 0x1c, 0xb8);
        assertThat(hexPrefix(keys, 1, 1, 6, true)).containsExactly(0x3f, 0x1c, 0xb8);
        assertThat(hexPrefix(keys, 1, 6, 6, true)).containsExactly(0x20);
        assertThat(hexPrefix(keys, 1, 3, 4, false)).containsExactly(0x1c);
    }

    private static byte[] hexPrefix(PackedKeys keys, int key, int from, int to, boolean leaf) {
        byte[] out = new byte[HexPrefix.length(to - from) + 2];
        out[0] = 0x55;
        out[out.length - 1] = 0x55;
        HexPrefix.encode(keys, key, from, to, leaf, out, 1);
        assertThat(out[0]).as("byte before").isEqualTo((byte) 0x55);
        assertThat(out[out.length - 1]).as("byte after").isEqualTo((byte) 0x55);
        return Arrays.copyOfRange(out, 1, out.length - 1);
    }

    private static ConfigObject load(String resource) {
        return ConfigFactory.parseResources(
                        resource,
                        ConfigParseOptions.defaults()
                                .setSyntax(ConfigSyntax.JSON)
                                .setAllowMissing(false))
                .root();
    }

    private static byte[] bytesOf(String s) {
        return Hex.hasPrefix(s) ? Hex.decode(s) : s.getBytes(StandardCharsets.UTF_8);
    }
}
