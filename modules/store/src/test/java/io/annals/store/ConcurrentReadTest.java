package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Receipts;
import io.annals.store.testing.MainnetLikeChain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer appending and reorging while readers query: a reader never sees a block below the
 * contiguous head missing, never sees a half-written block, and never fails, even when the block it
 * reads is rolled back (and its segment record cleared) under its feet.
 */
class ConcurrentReadTest {
    @TempDir Path dir;

    @Test
    void readersSeeWholeBlocksWhileTheWriterAppendsAndReorgs() throws Exception {
        long first = 50_000;
        MainnetLikeChain chain = new MainnetLikeChain(8, first, MainnetLikeChain.Shape.SMALL, true);
        List<List<FullBlock>> batches = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batches.add(chain.next(5));
        }
        ExecutorService readers = Executors.newFixedThreadPool(3);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (HistoryStore store = TestStores.open(dir, first)) {
            store.write(batches.get(0));
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                results.add(readers.submit(() -> read(store, first, writing)));
            }
            for (int i = 1; i < batches.size(); i++) {
                store.write(batches.get(i));
                if (i % 10 == 0) {
                    // a short reorg: replace the last two blocks with a fork, then continue from
                    // the fork
                    long head = store.contiguousHead().orElseThrow();
                    BlockHeader base = store.header(head - 2).orElseThrow();
                    List<FullBlock> fork =
                            new MainnetLikeChain(100 + i, 0, MainnetLikeChain.Shape.SMALL, true)
                                    .after(base)
                                    .next(2);
                    store.replaceAbove(head - 2, fork);
                    chain.after(fork.get(1).header());
                    for (int j = i + 1; j < batches.size(); j++) {
                        batches.set(j, chain.next(5));
                    }
                }
            }
            writing.set(false);
            int reads = 0;
            for (Future<Integer> result : results) {
                reads += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(reads).isPositive();
            assertThat(store.verify().problems()).isEmpty();
        } finally {
            readers.shutdownNow();
        }
    }

    private static int read(HistoryStore store, long first, AtomicBoolean writing) {
        int reads = 0;
        while (writing.get() || reads < 50) {
            long head = store.contiguousHead().orElseThrow();
            // below the reorg depth: always there and whole
            long stable = Math.max(first, head - 3);
            BlockHeader header = store.header(stable).orElseThrow();
            BlockReceipts receipts = store.receipts(stable).orElseThrow();
            assertThat(receipts.blockHash()).isEqualTo(header.hash());
            assertThat(
                            Receipts.root(
                                    receipts.receipts().stream()
                                            .map(StoredReceipt::receipt)
                                            .toList()))
                    .isEqualTo(header.receiptsRoot());
            LogQueryResult logs = store.logs(LogQuery.range(Math.max(first, stable - 20), stable));
            assertThat(logs).isInstanceOf(LogQueryResult.Complete.class);
            // at the tip: may vanish in a reorg, but what is read is whole
            Optional<BlockReceipts> tip = store.receipts(head);
            tip.ifPresent(
                    t ->
                            store.header(t.blockHash())
                                    .ifPresent(
                                            h ->
                                                    assertThat(
                                                                    Receipts.root(
                                                                            t.receipts().stream()
                                                                                    .map(
                                                                                            StoredReceipt
                                                                                                    ::receipt)
                                                                                    .toList()))
                                                            .isEqualTo(h.receiptsRoot())));
            store.body(head).ifPresent(body -> assertThat(body.transactions()).isNotNull());
            reads++;
        }
        return reads;
    }
}
