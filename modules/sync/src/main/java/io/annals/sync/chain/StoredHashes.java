package io.annals.sync.chain;

import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What an inquiry reads of the store; every read runs off the caller's thread (the store blocks).
 */
public interface StoredHashes {

    /** The canonical hashes of the present blocks of {@code from..to}. */
    CompletableFuture<Map<Long, Hash>> hashes(long from, long to);

    /** Maximal runs of present blocks, in order. */
    CompletableFuture<List<BlockRange>> presentRanges();
}
