package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.store.testing.MainnetLikeChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store stops adding blocks while its filesystem still has the configured reserve free, so that
 * LevelDB's memory-mapped writes never meet a full disk (which would kill the process): the write
 * is refused as a full disk's would be, nothing of it is stored, and rollbacks still go through.
 */
class FreeSpaceGuardTest {
    @TempDir Path dir;

    private final List<FullBlock> blocks =
            new MainnetLikeChain(3, 0, MainnetLikeChain.Shape.SMALL, true).next(6);

    @Test
    void aWriteBelowTheReserveIsRefusedAndNothingOfItIsStored() throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        try (HistoryStore store = TestStores.open(dir)) {
            store.write(blocks.subList(0, 3));
        }
        // the same store with a reserve larger than what this filesystem has free
        try (HistoryStore store =
                HistoryStore.open(
                        dir, TestStores.MAINNET, TestStores.SETTINGS.withMinFreeBytes(2 * free))) {
            assertThatThrownBy(() -> store.write(blocks.subList(3, 6)))
                    .isInstanceOf(StoreWriteException.class)
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining("annals.store.min-free-space");
            assertThatThrownBy(() -> store.replaceAbove(1, blocks.subList(2, 4)))
                    .isInstanceOf(StoreWriteException.class);
            assertThat(store.contiguousHead()).hasValue(2);
            store.rollbackAbove(1); // frees space: allowed below the reserve
            assertThat(store.contiguousHead()).hasValue(1);
            assertThat(store.verify().problems()).isEmpty();
        }
        try (HistoryStore store = TestStores.open(dir)) {
            store.write(blocks.subList(2, 6));
            assertThat(store.contiguousHead()).hasValue(5);
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void theReserveIsConfigured() {
        assertThat(StoreSettings.defaults().minFreeBytes()).isEqualTo(64L << 20);
        assertThatThrownBy(() -> StoreSettings.defaults().withMinFreeBytes(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-free-space");
    }
}
