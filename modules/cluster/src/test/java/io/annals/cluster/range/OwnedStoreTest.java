package io.annals.cluster.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cluster host's contiguous head counts the blocks it must hold, nothing else. */
class OwnedStoreTest {

    @Test
    void theHeadIsTheBlockBeforeTheFirstRequiredBlockThatIsMissing() {
        List<BlockRange> required = List.of(BlockRange.of(100, 199), BlockRange.of(300, 399));
        assertThat(
                        OwnedStore.contiguousHead(
                                required,
                                List.of(BlockRange.of(100, 199), BlockRange.of(300, 350)),
                                0))
                .hasValue(350);
        assertThat(
                        OwnedStore.contiguousHead(
                                required,
                                List.of(BlockRange.of(0, 150), BlockRange.of(300, 399)),
                                0))
                .as("a gap in the first required range")
                .hasValue(150);
        assertThat(
                        OwnedStore.contiguousHead(
                                required,
                                List.of(BlockRange.of(90, 199), BlockRange.of(250, 420)),
                                0))
                .as("everything required is stored")
                .hasValue(399);
        assertThat(OwnedStore.contiguousHead(required, List.of(), 0))
                .as("nothing stored: the block before the first required one")
                .hasValue(99);
        assertThat(OwnedStore.contiguousHead(List.of(BlockRange.of(0, 99)), List.of(), 0))
                .as("the start block itself missing")
                .isEmpty();
        assertThat(OwnedStore.contiguousHead(List.of(), List.of(BlockRange.of(0, 99)), 0))
                .as("nothing required")
                .isEmpty();
    }
}
