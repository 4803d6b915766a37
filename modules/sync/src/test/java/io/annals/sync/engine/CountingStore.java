package io.annals.sync.engine;

import io.annals.store.HistoryStore;
import io.annals.store.StorableBlock;
import io.annals.sync.write.ForwardingSyncStore;
import io.annals.sync.write.SyncStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that counts, per block, how often the writer handed it over and how often the store
 * really wrote it (it was not present before the write that took it). Writes come one at a time
 * from the writer's dispatcher; the test reads the counts.
 */
final class CountingStore extends ForwardingSyncStore {

    private final Map<Long, AtomicInteger> handed = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> written = new ConcurrentHashMap<>();

    CountingStore(SyncStore store) {
        super(store);
    }

    @Override
    public HistoryStore.WriteResult write(List<? extends StorableBlock> blocks) {
        List<Long> fresh =
                blocks.stream()
                        .map(StorableBlock::number)
                        .filter(number -> !delegate().isPresent(number))
                        .toList();
        HistoryStore.WriteResult result = super.write(blocks);
        blocks.forEach(
                block ->
                        handed.computeIfAbsent(block.number(), n -> new AtomicInteger())
                                .incrementAndGet());
        fresh.forEach(
                number ->
                        written.computeIfAbsent(number, n -> new AtomicInteger())
                                .incrementAndGet());
        return result;
    }

    /** Per block, how many writes wrote it. */
    Map<Long, Integer> written() {
        return copy(written);
    }

    /** Per block, how many writes it was handed to (the store skips a block stored already). */
    Map<Long, Integer> handed() {
        return copy(handed);
    }

    private static Map<Long, Integer> copy(Map<Long, AtomicInteger> counts) {
        Map<Long, Integer> copy = new TreeMap<>();
        counts.forEach((block, count) -> copy.put(block, count.get()));
        return copy;
    }
}
