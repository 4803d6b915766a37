package io.annals.devnet.serve;

import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import io.annals.p2p.eth.ChainReader;
import io.annals.store.FullBlock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The generated store's current branch as pre-encoded bytes, shared by every peer: a {@link
 * ChainReader} over the store (the sync module's {@code StoreChainReader}) with least-recently-used
 * caches in front. Blocks the devnet generates are encoded once, on the head thread, and put here
 * before any peer can see them, so the tip (which every peer is asked for, and asked again while
 * faults make the node retry) is served without store reads, decoding or re-encoding; older blocks
 * are read from the store on first request and kept for a while.
 *
 * <p>Bodies and receipt lists are keyed by block hash, which names their content for good; headers
 * and canonical numbers follow the branch and are dropped above a reorg's fork point.
 */
public final class EncodedChain {
    private static final int HEADER_ENTRIES = 8_192;

    private final ChainReader store;
    private final LruCache<Long, byte[]> headers = new LruCache<>(HEADER_ENTRIES);
    private final LruCache<Hash, Long> numbers = new LruCache<>(HEADER_ENTRIES);
    private final LruCache<Hash, byte[]> bodies;
    private final LruCache<Hash, byte[]> receipts69;
    private final LruCache<Hash, byte[]> receipts68;

    /**
     * Counts branch changes, so that a header or number read from the store before a reorg is not
     * cached after it: such entries are put only if no change began since they were read.
     */
    private volatile long branchChanges;

    /**
     * @param payloadEntries blocks whose body and receipt lists are kept encoded
     */
    public EncodedChain(ChainReader store, int payloadEntries) {
        this.store = store;
        this.bodies = new LruCache<>(payloadEntries);
        this.receipts69 = new LruCache<>(payloadEntries);
        this.receipts68 = new LruCache<>(payloadEntries);
    }

    /** Encodes a block just generated, before it becomes visible. */
    public void remember(FullBlock block) {
        Hash hash = block.hash();
        headers.put(block.number(), block.header().encoding());
        numbers.put(hash, block.number());
        bodies.put(hash, block.body().encode());
        receipts69.put(hash, Receipts.encodeEth69List(block.receipts()));
    }

    /**
     * Call before the store's branch changes above {@code forkPoint}, and {@link #forgetAbove}
     * after.
     */
    public void branchChanging() {
        branchChanges++;
    }

    /**
     * Forgets the branch-dependent entries above a reorg's fork point, once the store has the new
     * branch.
     */
    public void forgetAbove(long forkPoint) {
        branchChanges++;
        headers.removeIf(entry -> entry.getKey() > forkPoint);
        numbers.removeIf(entry -> entry.getValue() > forkPoint);
    }

    public Optional<byte[]> headerRlp(long number) {
        byte[] hit = headers.get(number);
        if (hit != null) {
            return Optional.of(hit);
        }
        long changes = branchChanges;
        Optional<byte[]> loaded = store.headerRlp(number);
        loaded.ifPresent(bytes -> headers.putIf(number, bytes, () -> branchChanges == changes));
        return loaded;
    }

    public OptionalLong numberOf(Hash hash) {
        Long number = numbers.get(hash);
        if (number != null) {
            return OptionalLong.of(number);
        }
        long changes = branchChanges;
        OptionalLong found = store.numberOf(hash);
        found.ifPresent(n -> numbers.putIf(hash, n, () -> branchChanges == changes));
        return found;
    }

    public Optional<byte[]> bodyRlp(Hash hash) {
        return cached(bodies, hash, store::bodyRlp);
    }

    public Optional<byte[]> receiptsEth69(Hash hash) {
        return cached(receipts69, hash, store::receiptsEth69);
    }

    /** eth/68 needs the blooms back: converted from the eth/69 list once per block and kept. */
    public Optional<byte[]> receiptsEth68(Hash hash) {
        return cached(
                receipts68,
                hash,
                h ->
                        receiptsEth69(h)
                                .map(
                                        eth69 ->
                                                Receipts.encodeEth68List(
                                                        Receipts.decodeEth69List(eth69))));
    }

    private static <K> Optional<byte[]> cached(
            LruCache<K, byte[]> cache, K key, Function<K, Optional<byte[]>> load) {
        byte[] hit = cache.get(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        Optional<byte[]> loaded = load.apply(key);
        loaded.ifPresent(bytes -> cache.put(key, bytes));
        return loaded;
    }
}
