package io.annals.sync.write;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoreWriteException;
import java.io.IOException;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/** A store whose writes fail once {@code goodWrites} have succeeded, as a full disk makes them. */
public final class FailingStore implements SyncStore {

  private final SyncStore store;
  private final int goodWrites;
  private final AtomicInteger writes = new AtomicInteger();

  public FailingStore(SyncStore store, int goodWrites) {
    this.store = store;
    this.goodWrites = goodWrites;
  }

  @Override
  public HistoryStore.WriteResult write(List<FullBlock> blocks) {
    if (writes.incrementAndGet() > goodWrites) {
      throw new StoreWriteException("LevelDB refused the write batch: disk full",
          new IOException("No space left on device"));
    }
    return store.write(blocks);
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
