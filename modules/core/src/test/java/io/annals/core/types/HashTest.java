package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashTest {

    @Test
    void hashCodeIsStableForValuesWithLeadingZeroBytes() {
        byte[] bytes = new byte[Hash.SIZE];
        bytes[31] = 7;
        Hash topic = Hash.wrap(bytes);
        int first = topic.hashCode();
        assertThat(topic.hashCode()).isEqualTo(first);
        Set<Hash> set = new HashSet<>();
        set.add(topic);
        assertThat(set).contains(Hash.wrap(bytes.clone()));
    }

    @Test
    void zeroPaddedValuesSpreadOverDifferentHashCodes() {
        Set<Integer> codes = new HashSet<>();
        for (int i = 1; i <= 1000; i++) {
            byte[] bytes = new byte[Hash.SIZE];
            bytes[30] = (byte) (i >>> 8);
            bytes[31] = (byte) i;
            codes.add(Hash.wrap(bytes).hashCode());
        }
        assertThat(codes).hasSize(1000);
    }
}
