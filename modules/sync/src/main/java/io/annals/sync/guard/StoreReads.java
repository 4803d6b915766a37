package io.annals.sync.guard;

import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.sync.chain.StoredHashes;
import io.annals.sync.write.SyncStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The store reads of the chain guard's inquiries, each on the writer's blocking dispatcher. */
final class StoreReads implements StoredHashes {

    private final SyncStore store;
    private final Executor blocking;

    StoreReads(SyncStore store, Executor blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    @Override
    public CompletableFuture<Map<Long, Hash>> hashes(long from, long to) {
        return CompletableFuture.supplyAsync(
                () -> {
                    Map<Long, Hash> hashes = new HashMap<>();
                    for (long n = from; n <= to; n++) {
                        long number = n;
                        store.canonicalHash(number).ifPresent(hash -> hashes.put(number, hash));
                    }
                    return hashes;
                },
                blocking);
    }

    @Override
    public CompletableFuture<List<BlockRange>> presentRanges() {
        return CompletableFuture.supplyAsync(store::presentRanges, blocking);
    }
}
