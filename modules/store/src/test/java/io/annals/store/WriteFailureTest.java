package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.store.testing.MainnetLikeChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iq80.leveldb.DBException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails leaves no half-written block, and the store goes on. */
class WriteFailureTest {
    @TempDir Path dir;

    private final List<FullBlock> blocks =
            new MainnetLikeChain(9, 500, MainnetLikeChain.Shape.SMALL, true).next(30);
    private boolean diskFull;
    private final LevelDb.WriteGate gate =
            (db, batch, options) -> {
                if (diskFull) {
                    throw new DBException(
                            "IO error: /data/index/000012.log: No space left on device");
                }
                db.write(batch, options);
            };

    private HistoryStore open() {
        return HistoryStore.open(
                dir, TestStores.MAINNET, TestStores.SETTINGS.withStartBlock(500), gate);
    }

    @Test
    void aRefusedBatchWritesNothingAndTheNextOneSucceeds() throws IOException {
        try (HistoryStore store = open()) {
            store.write(blocks.subList(0, 10));
            long segmentBytes = segmentBytes();
            diskFull = true;
            assertThatThrownBy(() -> store.write(blocks.subList(10, 20)))
                    .isInstanceOf(StoreWriteException.class)
                    .hasMessageContaining("No space left on device");
            assertThat(store.contiguousHead()).hasValue(509);
            assertThat(store.presentRanges()).containsExactly(new BlockRange(500, 509));
            for (FullBlock block : blocks.subList(10, 20)) {
                assertThat(store.header(block.number())).isEmpty();
                assertThat(store.blockNumber(block.hash())).isEmpty();
                block.body()
                        .transactions()
                        .forEach(tx -> assertThat(store.transaction(tx.hash())).isEmpty());
            }
            assertThat(segmentBytes())
                    .as("appended segment bytes are cut off again")
                    .isEqualTo(segmentBytes);
            assertThat(store.verify().problems()).isEmpty();

            diskFull = false;
            store.write(blocks.subList(10, 30));
            assertThat(store.contiguousHead()).hasValue(529);
            blocks.forEach(b -> RoundTripTest.assertStoredAsWritten(store, b));
            assertThat(store.verify().problems()).isEmpty();
        }
        try (HistoryStore store = open()) {
            assertThat(store.contiguousHead()).hasValue(529);
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void aFailedReorgKeepsTheOldBranch() {
        try (HistoryStore store = open()) {
            store.write(blocks.subList(0, 20));
            List<FullBlock> fork =
                    new MainnetLikeChain(99, 0, MainnetLikeChain.Shape.SMALL, true)
                            .after(blocks.get(14).header())
                            .next(8);
            diskFull = true;
            assertThatThrownBy(() -> store.replaceAbove(514, fork))
                    .isInstanceOf(StoreWriteException.class);
            diskFull = false;
            assertThat(store.contiguousHead()).hasValue(519);
            blocks.subList(0, 20).forEach(b -> RoundTripTest.assertStoredAsWritten(store, b));
            fork.forEach(b -> assertThat(store.blockNumber(b.hash())).isEmpty());
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsWritten() {
        try (HistoryStore store = open()) {
            store.write(blocks.subList(0, 5));
            assertThatThrownBy(() -> store.write(List.of(blocks.get(6), blocks.get(6))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twice");
            assertThatThrownBy(() -> store.replaceAbove(505, List.of(blocks.get(3))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not above");
            FullBlock far =
                    new FullBlock(
                            blocks.get(7).header().toBuilder()
                                    .number(HistoryStore.MAX_BLOCK_NUMBER + 1)
                                    .build(),
                            blocks.get(7).body(),
                            blocks.get(7).receipts());
            assertThatThrownBy(() -> store.write(far))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("out of range");
            assertThat(store.presentRanges()).containsExactly(new BlockRange(500, 504));
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void aClosedStoreSaysSo() {
        HistoryStore store = open();
        store.write(blocks.subList(0, 2));
        store.close();
        assertThatThrownBy(() -> store.write(blocks.subList(2, 3)))
                .isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> store.header(500)).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> store.logs(LogQuery.range(500, 501)))
                .isInstanceOf(StoreClosedException.class);
        store.close();
    }

    private long segmentBytes() throws IOException {
        try (var files = Files.list(dir.resolve("segments"))) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
