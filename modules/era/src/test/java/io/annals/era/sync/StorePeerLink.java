package io.annals.era.sync;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.store.HistoryStore;
import io.annals.store.StoredReceipt;
import io.annals.sync.link.Fetched;
import io.annals.sync.link.PeerLink;
import io.annals.sync.link.RangeHint;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A peer over a store that has expired its history below {@code earliest}: it announces that
 * earliest block (as eth/69 peers do) and answers nothing below it. Counts the bodies it served.
 */
final class StorePeerLink implements PeerLink {
    private final HistoryStore store;
    private final long earliest;
    private final long head;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    final java.util.Set<Long> bodiesServed = ConcurrentHashMap.newKeySet();

    StorePeerLink(HistoryStore store, long earliest, long head) {
        this.store = store;
        this.earliest = earliest;
        this.head = head;
    }

    @Override
    public String id() {
        return "expired-peer";
    }

    @Override
    public RangeHint hint() {
        return new RangeHint(
                earliest, OptionalLong.of(head), store.canonicalHash(head).orElseThrow());
    }

    @Override
    public void onHintChanged(Consumer<RangeHint> listener) {}

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headers(long from, int count) {
        List<BlockHeader> out = new ArrayList<>();
        for (long n = from; n < from + count && n <= head; n++) {
            out.add(store.header(n).orElseThrow());
        }
        return CompletableFuture.completedFuture(new Fetched<>(out, 500L * out.size()));
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> header(Hash hash) {
        OptionalLong n = store.blockNumber(hash);
        return CompletableFuture.completedFuture(
                new Fetched<>(
                        n.isPresent() && n.getAsLong() <= head
                                ? List.of(store.header(n.getAsLong()).orElseThrow())
                                : List.of(),
                        500));
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headersBack(Hash from, int count) {
        OptionalLong top = store.blockNumber(from);
        List<BlockHeader> out = new ArrayList<>();
        for (long n = top.orElse(-1); n >= 0 && out.size() < count; n--) {
            out.add(store.header(n).orElseThrow());
        }
        return CompletableFuture.completedFuture(new Fetched<>(out, 500L * out.size()));
    }

    @Override
    public CompletableFuture<Fetched<BlockBody>> bodies(List<Hash> hashes) {
        List<BlockBody> out = new ArrayList<>();
        for (Hash hash : hashes) {
            long n = store.blockNumber(hash).orElse(-1);
            if (n < earliest) {
                break; // expired history: a prefix, here an empty one
            }
            out.add(store.body(n).orElseThrow());
            bodiesServed.add(n);
        }
        return CompletableFuture.completedFuture(new Fetched<>(out, 1000L * out.size()));
    }

    @Override
    public CompletableFuture<Fetched<List<Receipt>>> receipts(List<BlockHeader> headers) {
        List<List<Receipt>> out = new ArrayList<>();
        for (BlockHeader header : headers) {
            if (header.number() < earliest) {
                break;
            }
            out.add(
                    store.receipts(header.number()).orElseThrow().receipts().stream()
                            .map(StoredReceipt::receipt)
                            .toList());
        }
        return CompletableFuture.completedFuture(new Fetched<>(out, 1000L * out.size()));
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public boolean isDisconnect(Throwable failure) {
        return false;
    }

    @Override
    public void disconnect(String reason) {
        closed.complete(null);
    }
}
