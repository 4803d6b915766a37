package io.annals.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueDictionaryTest {
    @Test
    void givesEachDistinctValueItsIndexOfFirstUseLikeAHashMap() {
        Random random = new Random(7);
        List<byte[]> pool = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] value = new byte[i % 2 == 0 ? 20 : 32];
            random.nextBytes(value);
            if (i % 3 == 0) {
                java.util.Arrays.fill(value, 0, value.length - 4, (byte) 0); // small numbers
            }
            pool.add(value);
        }
        ValueDictionary dictionary = new ValueDictionary(4);
        Map<ByteKey, Integer> reference = new HashMap<>();
        for (int i = 0; i < 20000; i++) {
            byte[] value = pool.get(random.nextInt(pool.size())).clone();
            int expected = reference.computeIfAbsent(new ByteKey(value), k -> reference.size());
            assertThat(dictionary.indexOf(value)).isEqualTo(expected);
            assertThat(dictionary.valueAt(expected)).isEqualTo(value);
        }
        assertThat(dictionary.size()).isEqualTo(reference.size());
    }

    @Test
    void valuesCraftedToCollideMoveToTheTreeBackedFallbackAndKeepTheirIndices() {
        // the hash reads the first and last eight bytes: these values differ only in between
        List<byte[]> colliding = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] value = new byte[32];
            value[12] = (byte) i;
            value[13] = (byte) (i >> 8);
            colliding.add(value);
        }
        assertThat(ValueDictionary.hash(colliding.get(0)))
                .isEqualTo(ValueDictionary.hash(colliding.get(199)));
        ValueDictionary dictionary = new ValueDictionary(8);
        byte[] first = new byte[32];
        first[31] = 1;
        assertThat(dictionary.indexOf(first)).isZero();
        for (int i = 0; i < colliding.size(); i++) {
            assertThat(dictionary.indexOf(colliding.get(i))).isEqualTo(i + 1);
        }
        for (int i = colliding.size() - 1; i >= 0; i--) {
            assertThat(dictionary.indexOf(colliding.get(i).clone())).isEqualTo(i + 1);
        }
        assertThat(dictionary.indexOf(first.clone())).isZero();
        assertThat(dictionary.size()).isEqualTo(colliding.size() + 1);
        // the values in order of first use survive the move, and later ones join them
        byte[] later = new byte[20];
        assertThat(dictionary.indexOf(later)).isEqualTo(colliding.size() + 1);
        assertThat(dictionary.valueAt(0)).isSameAs(first);
        for (int i = 0; i < colliding.size(); i++) {
            assertThat(dictionary.valueAt(i + 1)).isSameAs(colliding.get(i));
        }
        assertThat(dictionary.valueAt(colliding.size() + 1)).isSameAs(later);
    }

    @Test
    void aClearedDictionaryStartsAgainFromIndexZeroAndForgetsEveryValue() {
        Random random = new Random(3);
        ValueDictionary dictionary = new ValueDictionary(8);
        for (int round = 0; round < 3; round++) {
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < 100 + 50 * round; i++) {
                byte[] value = new byte[32];
                random.nextBytes(value);
                values.add(value);
                assertThat(dictionary.indexOf(value)).isEqualTo(i);
            }
            for (int i = 0; i < values.size(); i++) {
                assertThat(dictionary.indexOf(values.get(i).clone())).isEqualTo(i);
            }
            dictionary.clear();
            assertThat(dictionary.size()).isZero();
            // a value of the round before is new again
            assertThat(dictionary.indexOf(values.get(values.size() - 1).clone())).isZero();
            dictionary.clear();
        }
    }

    @Test
    void aDictionaryThatFellBackToTheMapIsClearedBackToItsTable() {
        ValueDictionary dictionary = new ValueDictionary(8);
        for (int i = 0; i < 100; i++) {
            byte[] value = new byte[32];
            value[12] = (byte) i; // alike in the hashed bytes: forces the fallback
            dictionary.indexOf(value);
        }
        dictionary.clear();
        byte[] first = new byte[20];
        first[0] = 1;
        byte[] second = new byte[20];
        second[0] = 2;
        assertThat(dictionary.indexOf(first)).isZero();
        assertThat(dictionary.indexOf(second)).isEqualTo(1);
        assertThat(dictionary.indexOf(first.clone())).isZero();
        assertThat(dictionary.valueAt(1)).isSameAs(second);
    }

    @Test
    void aDictionaryThatGrewPastWhatItKeepsIsClearedBackToItsFirstSize() {
        Random random = new Random(5);
        ValueDictionary dictionary = new ValueDictionary(8);
        int many = ValueDictionary.MAX_KEPT_SLOTS; // more than half the slots it keeps
        for (int i = 0; i < many; i++) {
            byte[] value = new byte[20];
            random.nextBytes(value);
            dictionary.indexOf(value);
        }
        dictionary.clear();
        byte[] value = new byte[32];
        assertThat(dictionary.size()).isZero();
        assertThat(dictionary.indexOf(value)).isZero();
        assertThat(dictionary.indexOf(value.clone())).isZero();
        assertThat(dictionary.valueAt(0)).isSameAs(value);
    }
}
