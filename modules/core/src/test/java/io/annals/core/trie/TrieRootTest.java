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

/** The official ethereum/tests TrieTests vectors (see {@code trie/README.md}) and properties of the ordered root. */
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
            out.add(Arguments.of(name, entries, Hash.fromHex((String) test.get("root").unwrapped())));
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
            out.add(Arguments.of(name, entries, Hash.fromHex((String) test.get("root").unwrapped())));
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
            int[] order = OrderedTrie.sortedIndices(count);
            assertThat(order).hasSize(count);
            for (int i = 1; i < count; i++) {
                assertThat(Arrays.compareUnsigned(Rlp.encodeLong(order[i - 1]), Rlp.encodeLong(order[i])))
                        .as("rlp(%d) < rlp(%d)", order[i - 1], order[i]).isNegative();
            }
        }
    }

    /** The ordered root (fixed order, no sort) agrees with the general root (sorted by comparator). */
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
            assertThat(OrderedTrie.root(values)).as("%d values", count).isEqualTo(TrieRoot.of(byKey));
        }
    }

    @Test
    void rejectsEmptyValuesAndDuplicateKeys() {
        assertThatThrownBy(() -> OrderedTrie.root(List.of(new byte[] {1}, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        Map<byte[], byte[]> duplicate = new LinkedHashMap<>();
        duplicate.put(new byte[] {1, 2}, new byte[] {3});
        duplicate.put(new byte[] {1, 2}, new byte[] {4});
        assertThatThrownBy(() -> TrieRoot.of(duplicate)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hexPrefixMatchesTheYellowPaperTable() {
        assertThat(HexPrefix.encode(new byte[] {1, 2, 3, 4, 5}, 0, 5, false)).containsExactly(0x11, 0x23, 0x45);
        assertThat(HexPrefix.encode(new byte[] {0, 1, 2, 3, 4, 5}, 0, 6, false)).containsExactly(0x00, 0x01, 0x23, 0x45);
        assertThat(HexPrefix.encode(new byte[] {0, 0xf, 1, 0xc, 0xb, 8}, 0, 6, true))
                .containsExactly(0x20, 0x0f, 0x1c, 0xb8);
        assertThat(HexPrefix.encode(new byte[] {0xf, 1, 0xc, 0xb, 8}, 0, 5, true)).containsExactly(0x3f, 0x1c, 0xb8);
    }

    private static ConfigObject load(String resource) {
        return ConfigFactory.parseResources(resource, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)
                .setAllowMissing(false)).root();
    }

    private static byte[] bytesOf(String s) {
        return Hex.hasPrefix(s) ? Hex.decode(s) : s.getBytes(StandardCharsets.UTF_8);
    }
}
