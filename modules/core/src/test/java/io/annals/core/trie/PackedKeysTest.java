package io.annals.core.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.util.Hex;
import org.junit.jupiter.api.Test;

class PackedKeysTest {
    private final PackedKeys keys =
            PackedKeys.of(
                    new byte[][] {
                        Hex.decode("a1b2"),
                        new byte[0],
                        Hex.decode("a1b3c4"),
                        Hex.decode("a1b2"),
                        Hex.decode("0f")
                    });

    @Test
    void readsEachKeyAsNibblesHighNibbleFirst() {
        assertThat(keys.count()).isEqualTo(5);
        assertThat(keys.nibbleLength(0)).isEqualTo(4);
        assertThat(keys.nibbleLength(1)).isZero();
        assertThat(keys.nibbleLength(2)).isEqualTo(6);
        int[] nibbles = new int[6];
        for (int i = 0; i < 6; i++) {
            nibbles[i] = keys.nibble(2, i);
        }
        assertThat(nibbles).containsExactly(0xa, 1, 0xb, 3, 0xc, 4);
        assertThat(keys.nibble(4, 0)).isZero();
        assertThat(keys.nibble(4, 1)).isEqualTo(0xf);
    }

    @Test
    void commonPrefixStopsAtTheFirstDifferenceOrTheShorterKey() {
        assertThat(keys.commonPrefix(0, 2, 0)).isEqualTo(3);
        assertThat(keys.commonPrefix(0, 3, 0)).isEqualTo(4);
        assertThat(keys.commonPrefix(0, 3, 2)).isEqualTo(4);
        assertThat(keys.commonPrefix(0, 4, 0)).isZero();
        assertThat(keys.commonPrefix(0, 1, 0)).isZero();
    }

    @Test
    void rejectsOffsetsThatDoNotCoverTheBytes() {
        assertThatThrownBy(() -> new PackedKeys(new byte[3], new int[] {0, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PackedKeys(new byte[3], new int[] {1, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PackedKeys(new byte[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new PackedKeys(new byte[0], new int[] {0}).count()).isZero();
    }
}
