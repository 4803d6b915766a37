package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.testing.RandomChain;
import io.annals.core.types.HeaderFormat;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operator's tools read: a range verification, the statistics, a repair that drops the
 * blocks a flipped byte damaged (so the rest verifies), and opening a store by its own identity.
 */
class StoreToolsTest {
    private static final int BLOCKS = 40;

    @TempDir Path dir;

    private List<FullBlock> chain() {
        List<FullBlock> blocks = new ArrayList<>();
        for (RandomChain.GeneratedBlock g :
                new RandomChain(21).chain(BLOCKS, HeaderFormat.SHANGHAI, 5)) {
            blocks.add(new FullBlock(g.header(), g.body(), g.receipts()));
        }
        return blocks;
    }

    @Test
    void aRangeIsVerifiedInWholeLogIndexGroupsAndReportsProgress() {
        List<FullBlock> blocks = chain();
        long first = blocks.get(0).header().number();
        try (HistoryStore store = TestStores.open(dir, first)) {
            store.write(blocks);
            List<Long> progress = new ArrayList<>();

            VerificationReport whole =
                    store.verify(0, HistoryStore.MAX_BLOCK_NUMBER, progress::add);
            assertThat(whole.problems()).isEmpty();
            assertThat(whole.wholeStore()).isTrue();
            assertThat(whole.blocks()).isEqualTo(BLOCKS);
            assertThat(progress).hasSize(BLOCKS).endsWith((long) BLOCKS);

            long from = first + 17;
            VerificationReport range = store.verify(from, from + 3, n -> {});
            assertThat(range.wholeStore()).isFalse();
            assertThat(range.from()).isEqualTo(from & -16);
            assertThat(range.to()).isEqualTo((from + 3) | 15);
            long expected =
                    blocks.stream()
                            .mapToLong(b -> b.header().number())
                            .filter(n -> n >= range.from() && n <= range.to())
                            .count();
            assertThat(range.blocks()).isEqualTo(expected);
            assertThat(range.problems()).isEmpty();
        }
    }

    @Test
    void statisticsCountBlocksTablesAndSegments() {
        List<FullBlock> blocks = chain();
        long first = blocks.get(0).header().number();
        try (HistoryStore store = TestStores.open(dir, first)) {
            store.write(blocks.subList(0, 10));
            store.write(blocks.subList(15, BLOCKS));
            StoreStats stats = store.stats();

            assertThat(stats.blocks()).isEqualTo(BLOCKS - 5);
            assertThat(stats.logIndexPairs()).as("a new store indexes pairs").isTrue();
            assertThat(stats.runs())
                    .containsExactly(
                            new BlockRange(first, first + 9),
                            new BlockRange(first + 15, first + BLOCKS - 1));
            assertThat(stats.gaps()).containsExactly(new BlockRange(first + 10, first + 14));
            assertThat(stats.tables())
                    .filteredOn(t -> t.name().equals("headers"))
                    .singleElement()
                    .satisfies(t -> assertThat(t.entries()).isEqualTo(BLOCKS - 5));
            assertThat(stats.tables())
                    .filteredOn(t -> t.name().equals("canonical index"))
                    .singleElement()
                    .satisfies(t -> assertThat(t.entries()).isEqualTo(BLOCKS - 5));
            assertThat(stats.segmentFiles()).isNotEmpty();
            assertThat(stats.segmentBytes()).isPositive();
            assertThat(stats.chain()).isEqualTo(TestStores.MAINNET);
            assertThat(stats.startBlock()).isEqualTo(first);
        }
    }

    @Test
    void repairDropsTheBlocksAFlippedByteDamagedAndTheRestVerifies() throws Exception {
        List<FullBlock> blocks = chain();
        long first = blocks.get(0).header().number();
        try (HistoryStore store = TestStores.open(dir, first)) {
            store.write(blocks);
        }
        Path segment =
                dir.resolve("segments")
                        .resolve(SegmentFiles.fileName(first / HistoryStore.SHARD_SIZE));
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(10); // inside the first block's body
            int b = file.read();
            file.seek(10);
            file.write(b ^ 0x5a);
        }

        try (HistoryStore store = HistoryStore.openExisting(dir, TestStores.SETTINGS)) {
            VerificationReport before = store.verify();
            assertThat(before.isConsistent()).isFalse();
            assertThat(before.damagedBlocks()).containsExactly(first);
            assertThat(before.hasStoreWideProblems()).isFalse();

            RepairResult repair = store.repair(before);
            assertThat(repair.dropped()).containsExactly(new BlockRange(first, first));
            assertThat(repair.unrepaired()).isEmpty();

            VerificationReport after = store.verify();
            assertThat(after.problems()).isEmpty();
            assertThat(after.blocks()).isEqualTo(BLOCKS - 1);
            assertThat(store.missingIn(first, first + BLOCKS - 1))
                    .containsExactly(new BlockRange(first, first));
        }
    }

    @Test
    void openingByItsOwnIdentityNeedsNoChainAndCreatesNothing() {
        try (HistoryStore store = TestStores.open(dir, 7)) {
            assertThat(store.chain()).isEqualTo(TestStores.MAINNET);
        }
        try (HistoryStore store = HistoryStore.openExisting(dir, StoreSettings.defaults())) {
            assertThat(store.chain()).isEqualTo(TestStores.MAINNET);
            assertThat(store.startBlock()).isEqualTo(7);
        }
        Path empty = dir.resolve("nothing-here");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> HistoryStore.openExisting(empty, StoreSettings.defaults()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no history store in");
        assertThat(empty).doesNotExist();
    }
}
