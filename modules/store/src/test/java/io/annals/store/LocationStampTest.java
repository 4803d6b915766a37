package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.testing.RandomChain;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block hash and timestamp kept in each segment location ({@link SegmentLocation}): log queries
 * answer the same from them as from the headers of a store written before they existed, and a
 * location that names another block is a problem the verifier reports.
 */
class LocationStampTest {
    private static final int BLOCKS = 48;

    @TempDir Path dir;

    @Test
    void locationsRoundTripWithAndWithoutTheirStamp() {
        SegmentLocation plain = new SegmentLocation(1L << 40, 700, 900, 12, 1, -2, 3, null);
        SegmentLocation stamped =
                new SegmentLocation(
                        5,
                        700,
                        900,
                        12,
                        -1,
                        2,
                        -3,
                        new BlockReader.BlockStamp(Hash.wrap(filled((byte) 0x5a)), 1_700_000_000L));
        assertThat(SegmentLocation.decode(plain.encode(), 1)).isEqualTo(plain);
        assertThat(SegmentLocation.decode(plain.encode(), 1).knownStamp()).isEmpty();
        assertThat(SegmentLocation.decode(stamped.encode(), 1)).isEqualTo(stamped);
        assertThat(stamped.encode()).hasSize(plain.encode().length - 5 + 32 + 5);
    }

    @Test
    void queriesAnswerTheSameFromLocationsWrittenBeforeTheStamp() {
        List<FullBlock> blocks = chain();
        long first = blocks.get(0).header().number();
        LogQuery everything = LogQuery.range(first, first + BLOCKS - 1).withMaxResults(1_000_000);
        LogQueryResult stamped;
        try (HistoryStore store = TestStores.open(dir, first)) {
            store.write(blocks);
            stamped = store.logs(everything);
        }
        assertThat(((LogQueryResult.Complete) stamped).logs()).hasSizeGreaterThan(100);
        rewriteLocations(first, first + BLOCKS - 1, at -> withStamp(at, null));
        try (HistoryStore store = HistoryStore.openExisting(dir, TestStores.SETTINGS)) {
            assertThat(store.logs(everything)).isEqualTo(stamped);
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void aLocationNamingAnotherBlockIsReported() {
        List<FullBlock> blocks = chain();
        long first = blocks.get(0).header().number();
        try (HistoryStore store = TestStores.open(dir, first)) {
            store.write(blocks);
        }
        long victim = first + 7;
        rewriteLocations(
                victim,
                victim,
                at ->
                        withStamp(
                                at,
                                new BlockReader.BlockStamp(
                                        at.stamp().hash(), at.stamp().timestamp() + 1)));
        try (HistoryStore store = HistoryStore.openExisting(dir, TestStores.SETTINGS)) {
            VerificationReport report = store.verify();
            assertThat(report.damagedBlocks()).containsExactly(victim);
            assertThat(report.problems().toString()).contains("segment location names block");
        }
    }

    /**
     * Rewrites the locations of blocks {@code from..to} (as an older store, or damage, has them).
     */
    private void rewriteLocations(long from, long to, UnaryOperator<SegmentLocation> change) {
        try (LevelDb db =
                        LevelDb.open(
                                dir.resolve("index"),
                                TestStores.SETTINGS,
                                LevelDb.WriteGate.DIRECT);
                Batch batch = db.newBatch()) {
            for (long number = from; number <= to; number++) {
                SegmentLocation at = SegmentLocation.decode(db.get(Keys.block(number)), number);
                batch.put(Keys.block(number), change.apply(at).encode());
            }
            db.write(batch);
        }
    }

    private static SegmentLocation withStamp(SegmentLocation at, BlockReader.BlockStamp stamp) {
        return new SegmentLocation(
                at.offset(),
                at.bodyLength(),
                at.receiptsLength(),
                at.transactionCount(),
                at.bodyCrc(),
                at.receiptsCrc(),
                at.hashesCrc(),
                stamp);
    }

    private static byte[] filled(byte b) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, b);
        return bytes;
    }

    private static List<FullBlock> chain() {
        List<FullBlock> blocks = new ArrayList<>();
        for (RandomChain.GeneratedBlock g :
                new RandomChain(31).chain(BLOCKS, HeaderFormat.SHANGHAI, 5)) {
            blocks.add(new FullBlock(g.header(), g.body(), g.receipts()));
        }
        return blocks;
    }
}
