package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.types.Log;
import io.annals.core.types.Transaction;
import io.annals.store.testing.MainnetLikeChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.iq80.leveldb.DBException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rollback is one batch and leaves no trace of the dropped blocks. */
class RollbackTest {
    @TempDir Path dir;

    private List<FullBlock> chain(long first, int count, long seed) {
        return new MainnetLikeChain(seed, first, MainnetLikeChain.Shape.SMALL, true).next(count);
    }

    @Test
    void rollbackRemovesEveryTraceOfTheDroppedBlocks() throws IOException {
        List<FullBlock> blocks = chain(1000, 30, 1);
        try (HistoryStore store = TestStores.open(dir, 1000)) {
            store.write(blocks.subList(0, 15));
            store.write(blocks.subList(15, 30));
            store.rollbackAbove(1019);

            assertThat(store.presentRanges()).containsExactly(new BlockRange(1000, 1019));
            assertThat(store.contiguousHead()).hasValue(1019);
            for (FullBlock dropped : blocks.subList(20, 30)) {
                assertGone(store, dropped);
            }
            for (FullBlock kept : blocks.subList(0, 20)) {
                RoundTripTest.assertStoredAsWritten(store, kept);
            }
            assertThat(store.verify().problems()).isEmpty();
            assertNoBytesOf(blocks.subList(20, 30));
        }
    }

    @Test
    void droppedRecordsFollowedByKeptOnesAreCleared() throws IOException {
        List<FullBlock> blocks = chain(2000, 10, 2);
        try (HistoryStore store = TestStores.open(dir, 2000)) {
            // out of order: the segment file holds 2005..2009, then 2000..2004
            store.write(blocks.subList(5, 10));
            store.write(blocks.subList(0, 5));
            store.rollbackAbove(2006);
            assertThat(store.presentRanges()).containsExactly(new BlockRange(2000, 2006));
            for (FullBlock kept : blocks.subList(0, 7)) {
                RoundTripTest.assertStoredAsWritten(store, kept);
            }
            assertThat(store.verify().problems()).isEmpty();
            assertNoBytesOf(blocks.subList(7, 10));
        }
    }

    @Test
    void replaceAboveSwitchesToTheOtherBranchAtomically() throws IOException {
        List<FullBlock> main = chain(3000, 20, 3);
        List<FullBlock> fork =
                new MainnetLikeChain(33, 0, MainnetLikeChain.Shape.SMALL, true)
                        .after(main.get(11).header())
                        .next(12);
        try (HistoryStore store = TestStores.open(dir, 3000)) {
            store.write(main);
            store.replaceAbove(3011, fork);
            assertThat(store.contiguousHead()).hasValue(3023);
            for (FullBlock block : fork) {
                RoundTripTest.assertStoredAsWritten(store, block);
            }
            for (FullBlock dropped : main.subList(12, 20)) {
                assertThat(store.blockNumber(dropped.hash())).isEmpty();
                for (Transaction tx : dropped.body().transactions()) {
                    assertThat(store.transaction(tx.hash())).isEmpty();
                }
            }
            assertThat(store.verify().problems()).isEmpty();
            assertNoBytesOf(main.subList(12, 20));
        }
    }

    @Test
    void droppedLogsNoLongerMatch() {
        List<FullBlock> blocks = chain(4000, 40, 4);
        try (HistoryStore store = TestStores.open(dir, 4000)) {
            store.write(blocks);
            store.rollbackAbove(4019);
            store.write(chain(4020, 20, 44).stream().toList());
            List<Log> logsOfDropped =
                    blocks.subList(20, 40).stream()
                            .flatMap(b -> b.receipts().stream())
                            .flatMap(r -> r.logs().stream())
                            .toList();
            for (Log log : logsOfDropped.subList(0, Math.min(20, logsOfDropped.size()))) {
                LogQueryResult result =
                        store.logs(
                                LogQuery.range(4000, 4039).withAddresses(List.of(log.address())));
                assertThat(((LogQueryResult.Complete) result).logs())
                        .noneMatch(e -> e.log().equals(log));
            }
        }
    }

    @Test
    void aFailedRollbackChangesNothing() {
        List<FullBlock> blocks = chain(5000, 12, 5);
        boolean[] fail = {false};
        LevelDb.WriteGate gate =
                (db, batch, options) -> {
                    if (fail[0]) {
                        throw new DBException("IO error: No space left on device");
                    }
                    db.write(batch, options);
                };
        try (HistoryStore store =
                HistoryStore.open(
                        dir, TestStores.MAINNET, TestStores.SETTINGS.withStartBlock(5000), gate)) {
            store.write(blocks);
            fail[0] = true;
            assertThatThrownBy(() -> store.rollbackAbove(5005))
                    .isInstanceOf(StoreWriteException.class);
            fail[0] = false;
            assertThat(store.contiguousHead()).hasValue(5011);
            for (FullBlock block : blocks) {
                RoundTripTest.assertStoredAsWritten(store, block);
            }
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void rollingBackAboveEverythingIsANoOp() {
        List<FullBlock> blocks = chain(6000, 5, 6);
        try (HistoryStore store = TestStores.open(dir, 6000)) {
            store.write(blocks);
            store.rollbackAbove(6004);
            store.rollbackAbove(7000);
            assertThat(store.contiguousHead()).hasValue(6004);
            store.rollbackAbove(10);
            assertThat(store.presentRanges()).isEmpty();
            assertThat(store.contiguousHead()).isEmpty();
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void aDeepRollbackRunsInBatchesFromTheTopAndADeepReorgIsRefused() {
        int count = HistoryStore.MAX_ATOMIC_ROLLBACK * 2 + 50;
        List<FullBlock> blocks = chain(8000, count, 8);
        try (HistoryStore store = TestStores.open(dir, 8000)) {
            for (int at = 0; at < count; at += 200) {
                store.write(blocks.subList(at, Math.min(count, at + 200)));
            }
            assertThatThrownBy(() -> store.replaceAbove(8009, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("roll back first");
            assertThat(store.contiguousHead()).hasValue(8000L + count - 1);
            store.rollbackAbove(8009);
            assertThat(store.presentRanges()).containsExactly(new BlockRange(8000, 8009));
            assertThat(store.verify().problems()).isEmpty();
            assertGone(store, blocks.get(count - 1));
            assertGone(store, blocks.get(10));
        }
    }

    @Test
    void removingARangeInTheMiddleKeepsTheBlocksAroundItAndTheRangeCanBeWrittenAgain()
            throws IOException {
        List<FullBlock> blocks = chain(9000, 40, 9);
        try (HistoryStore store = TestStores.open(dir, 9000)) {
            store.write(blocks.subList(0, 20));
            store.write(blocks.subList(20, 40));
            store.removeRange(9012, 9025);

            assertThat(store.presentRanges())
                    .containsExactly(new BlockRange(9000, 9011), new BlockRange(9026, 9039));
            assertThat(store.contiguousHead()).hasValue(9011);
            for (FullBlock dropped : blocks.subList(12, 26)) {
                assertGone(store, dropped);
            }
            for (FullBlock kept : blocks.subList(0, 12)) {
                RoundTripTest.assertStoredAsWritten(store, kept);
            }
            for (FullBlock kept : blocks.subList(26, 40)) {
                RoundTripTest.assertStoredAsWritten(store, kept);
            }
            assertThat(store.verify().problems()).isEmpty();
            assertNoBytesOf(blocks.subList(12, 26));

            store.removeRange(9100, 9200);
            assertThat(store.presentRanges()).hasSize(2);
            store.write(blocks.subList(12, 26));
            assertThat(store.contiguousHead()).hasValue(9039);
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void removingMoreThanOneAtomicBatchHoldsIsRefused() {
        int count = HistoryStore.MAX_ATOMIC_ROLLBACK + 10;
        List<FullBlock> blocks = chain(20_000, count, 10);
        try (HistoryStore store = TestStores.open(dir, 20_000)) {
            store.write(blocks);
            assertThatThrownBy(() -> store.removeRange(20_000, 20_000 + count))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("atomic");
            assertThat(store.contiguousHead()).hasValue(20_000L + count - 1);
        }
    }

    private static void assertGone(HistoryStore store, FullBlock dropped) {
        long n = dropped.number();
        assertThat(store.isPresent(n)).isFalse();
        assertThat(store.header(n)).isEmpty();
        assertThat(store.header(dropped.hash())).isEmpty();
        assertThat(store.canonicalHash(n)).isEmpty();
        assertThat(store.body(n)).isEmpty();
        assertThat(store.receipts(n)).isEmpty();
        assertThat(store.transactionHashes(n)).isEmpty();
        for (Transaction tx : dropped.body().transactions()) {
            assertThat(store.transaction(tx.hash())).isEmpty();
        }
    }

    /**
     * No transaction or transaction hash of the dropped blocks is left anywhere in the segment
     * files.
     */
    private void assertNoBytesOf(List<FullBlock> dropped) throws IOException {
        List<byte[]> needles = new ArrayList<>();
        for (FullBlock block : dropped) {
            for (Transaction tx : block.body().transactions()) {
                needles.add(tx.encoding());
                needles.add(tx.hash().unsafeArray());
            }
        }
        assertThat(needles).isNotEmpty();
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            for (Path file : files.toList()) {
                byte[] content = Files.readAllBytes(file);
                for (byte[] needle : needles) {
                    assertThat(indexOf(content, needle))
                            .as("bytes of a dropped block in %s", file)
                            .isEqualTo(-1);
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
