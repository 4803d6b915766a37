package io.annals.sync.write;

import io.annals.store.HistoryStore;
import io.annals.store.StorableBlock;
import io.annals.store.StoreWriteException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A store whose writes fail once {@code goodWrites} have succeeded, as a full disk makes them. */
public final class FailingStore extends ForwardingSyncStore {

    private final int goodWrites;
    private final AtomicInteger writes = new AtomicInteger();

    public FailingStore(SyncStore store, int goodWrites) {
        super(store);
        this.goodWrites = goodWrites;
    }

    @Override
    public HistoryStore.WriteResult write(List<? extends StorableBlock> blocks) {
        if (writes.incrementAndGet() > goodWrites) {
            throw new StoreWriteException(
                    "LevelDB refused the write batch: disk full",
                    new IOException("No space left on device"));
        }
        return super.write(blocks);
    }
}
