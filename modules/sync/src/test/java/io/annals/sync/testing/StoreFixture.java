package io.annals.sync.testing;

import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.nio.file.Path;

/** Opens real history stores (LevelDB) in test folders, without fsync (tests never lose power). */
public final class StoreFixture {

    private StoreFixture() {}

    public static HistoryStore open(Path directory, TestChain chain) {
        return HistoryStore.open(
                directory, chain.identity(), StoreSettings.defaults().withSyncWrites(false));
    }

    /** A store holding {@code chain}'s blocks {@code first..last}, written in batches. */
    public static HistoryStore filled(Path directory, TestChain chain, long first, long last) {
        HistoryStore store = open(directory, chain);
        for (long from = first; from <= last; from += 500) {
            store.write(chain.blocks(from, Math.min(last, from + 499)));
        }
        return store;
    }
}
