package io.annals.sync.engine;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.sync.write.SyncStore;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that counts, per block, how often the writer handed it over and how often the store
 * really wrote it (it was not present before the write that took it). Writes come one at a time
 * from the writer's dispatcher; the test reads the counts.
 */
final class CountingStore implements SyncStore {

  private final SyncStore store;
  private final Map<Long, AtomicInteger> handed = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> written = new ConcurrentHashMap<>();

  CountingStore(SyncStore store) {
    this.store = store;
  }

  @Override
  public HistoryStore.WriteResult write(List<FullBlock> blocks) {
    List<Long> fresh = blocks.stream().map(FullBlock::number).filter(number -> !store.isPresent(number)).toList();
    HistoryStore.WriteResult result = store.write(blocks);
    blocks.forEach(block -> handed.computeIfAbsent(block.number(), n -> new AtomicInteger()).incrementAndGet());
    fresh.forEach(number -> written.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet());
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

  @Override
  public long startBlock() {
    return store.startBlock();
  }

  @Override
  public boolean isPresent(long number) {
    return store.isPresent(number);
  }

  @Override
  public Optional<Hash> canonicalHash(long number) {
    return store.canonicalHash(number);
  }

  @Override
  public Optional<BlockHeader> header(long number) {
    return store.header(number);
  }

  @Override
  public OptionalLong contiguousHead() {
    return store.contiguousHead();
  }

  @Override
  public List<BlockRange> presentRanges() {
    return store.presentRanges();
  }

  @Override
  public void rollbackAbove(long number) {
    store.rollbackAbove(number);
  }

  @Override
  public void removeRange(long first, long last) {
    store.removeRange(first, last);
  }

  @Override
  public NavigableMap<Long, Hash> checkpoints() {
    return store.checkpoints();
  }
}
