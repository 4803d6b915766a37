package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.types.Hash;
import io.annals.store.codec.ByteSink;
import io.annals.store.testing.MainnetLikeChain;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reopened store knows what it holds, and refuses what it must not open. */
class ResumeTest {
    @TempDir Path dir;

    private final List<FullBlock> blocks =
            new MainnetLikeChain(7, 100, MainnetLikeChain.Shape.SMALL, true).next(120);

    private List<FullBlock> range(long first, long last) {
        return blocks.subList((int) (first - 100), (int) (last - 100 + 1));
    }

    @Test
    void reopenedStoreResumesFromWhatIsPresent() {
        try (HistoryStore store = TestStores.open(dir, 100)) {
            store.write(range(100, 149));
            store.write(range(200, 209));
            store.write(range(160, 160));
            assertThat(store.contiguousHead()).hasValue(149);
        }
        try (HistoryStore store = TestStores.open(dir, 100)) {
            assertThat(store.presentRanges())
                    .containsExactly(
                            new BlockRange(100, 149),
                            new BlockRange(160, 160),
                            new BlockRange(200, 209));
            assertThat(store.missingIn(90, 300))
                    .containsExactly(
                            new BlockRange(90, 99),
                            new BlockRange(150, 159),
                            new BlockRange(161, 199),
                            new BlockRange(210, 300));
            assertThat(store.contiguousHead()).hasValue(149);
            assertThat(store.earliestBlock()).hasValue(100);
            assertThat(store.highestBlock()).hasValue(209);
            store.write(range(150, 199));
            assertThat(store.contiguousHead()).hasValue(209);
            assertThat(store.missingIn(100, 219)).containsExactly(new BlockRange(210, 219));
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void contiguousHeadCountsFromTheConfiguredStart() {
        try (HistoryStore store = TestStores.open(dir, 100)) {
            store.write(range(110, 130));
            assertThat(store.contiguousHead()).isEmpty();
        }
        try (HistoryStore store = TestStores.open(dir, 110)) {
            assertThat(store.startBlock()).isEqualTo(110);
            assertThat(store.contiguousHead()).hasValue(130);
        }
    }

    @Test
    void checkpointsPersist() {
        Hash hash = blocks.get(0).hash();
        try (HistoryStore store = TestStores.open(dir)) {
            store.putCheckpoint(100, hash);
        }
        try (HistoryStore store = TestStores.open(dir)) {
            assertThat(store.checkpoints()).containsExactly(java.util.Map.entry(100L, hash));
        }
    }

    @Test
    void anotherChainIsRefusedWithBothNamed() {
        try (HistoryStore store = TestStores.open(dir)) {
            store.write(range(100, 101));
        }
        ChainIdentity sepolia =
                new ChainIdentity(
                        11155111,
                        Hash.fromHex(
                                "0x25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9"));
        assertThatThrownBy(() -> HistoryStore.open(dir, sepolia, TestStores.SETTINGS))
                .isInstanceOf(IncompatibleStoreException.class)
                .hasMessageContaining("chain 1 ")
                .hasMessageContaining("chain 11155111");
        ChainIdentity otherGenesis = new ChainIdentity(1, Hash.ZERO);
        assertThatThrownBy(() -> HistoryStore.open(dir, otherGenesis, TestStores.SETTINGS))
                .isInstanceOf(IncompatibleStoreException.class)
                .hasMessageContaining("genesis");
        try (HistoryStore store = TestStores.open(dir)) {
            assertThat(store.presentRanges()).containsExactly(new BlockRange(100, 101));
        }
    }

    @Test
    void aNewerSchemaIsRefused() {
        TestStores.open(dir).close();
        try (LevelDb db =
                        LevelDb.open(
                                dir.resolve("index"),
                                TestStores.SETTINGS,
                                LevelDb.WriteGate.DIRECT);
                Batch batch = db.newBatch()) {
            db.write(
                    batch.put(
                            StoreMetadata.SCHEMA,
                            new ByteSink(2)
                                    .writeVarLong(StoreMetadata.SCHEMA_VERSION + 1)
                                    .toByteArray()));
        }
        assertThatThrownBy(() -> TestStores.open(dir))
                .isInstanceOf(IncompatibleStoreException.class)
                .hasMessageContaining("schema version " + (StoreMetadata.SCHEMA_VERSION + 1))
                .hasMessageContaining("newer");
    }

    @Test
    void aDatabaseThatIsNoStoreIsRefused() {
        try (LevelDb db =
                        LevelDb.open(
                                dir.resolve("index"),
                                TestStores.SETTINGS,
                                LevelDb.WriteGate.DIRECT);
                Batch batch = db.newBatch()) {
            db.write(batch.put(new byte[] {'x'}, new byte[] {1}));
        }
        assertThatThrownBy(() -> TestStores.open(dir))
                .isInstanceOf(IncompatibleStoreException.class)
                .hasMessageContaining("not a history store");
    }

    @Test
    void aSecondOpenOfTheSameDirectoryFails() {
        try (HistoryStore store = TestStores.open(dir)) {
            assertThatThrownBy(() -> TestStores.open(dir))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot open LevelDB");
            assertThat(store.presentRanges()).isEmpty();
        }
    }
}
