package io.annals.node.service;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.p2p.peers.EvictionReason;
import io.annals.p2p.peers.PeerUsefulness;
import io.annals.sync.link.Fetched;
import io.annals.sync.link.PeerLink;
import io.annals.sync.link.RangeHint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A peer as the engine sees it, watched for the peer manager: every answer is passed on unchanged
 * and also reported to the peer's {@link PeerUsefulness} ledger (failed requests, empty bodies or
 * receipts, slow answers). When the ledger calls the peer useless, {@code evict} is told once. This
 * is the whole interface between the sync engine and the peer manager: the engine knows nothing of
 * it. Empty header answers are not counted: the engine's head probes ask above a peer's head and
 * are answered empty in the normal course.
 */
final class WatchedLink implements PeerLink {
    private final PeerLink peer;
    private final PeerUsefulness usefulness;
    private final Consumer<EvictionReason> evict;
    private volatile boolean evicted;

    WatchedLink(PeerLink peer, PeerUsefulness usefulness, Consumer<EvictionReason> evict) {
        this.peer = peer;
        this.usefulness = usefulness;
        this.evict = evict;
    }

    @Override
    public String id() {
        return peer.id();
    }

    @Override
    public RangeHint hint() {
        return peer.hint();
    }

    @Override
    public void onHintChanged(Consumer<RangeHint> listener) {
        peer.onHintChanged(listener);
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headers(long from, int count) {
        return watch(peer.headers(from, count), false);
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> header(Hash hash) {
        return watch(peer.header(hash), false);
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headersBack(Hash from, int count) {
        return watch(peer.headersBack(from, count), false);
    }

    @Override
    public CompletableFuture<Fetched<BlockBody>> bodies(List<Hash> hashes) {
        return watch(peer.bodies(hashes), true);
    }

    @Override
    public CompletableFuture<Fetched<List<Receipt>>> receipts(List<BlockHeader> headers) {
        return watch(peer.receipts(headers), true);
    }

    @Override
    public CompletableFuture<Void> closed() {
        return peer.closed();
    }

    @Override
    public boolean isDisconnect(Throwable failure) {
        return peer.isDisconnect(failure);
    }

    @Override
    public void disconnect(String reason) {
        peer.disconnect(reason);
    }

    private <T> CompletableFuture<Fetched<T>> watch(
            CompletableFuture<Fetched<T>> answer, boolean emptyIsAFailure) {
        long started = System.nanoTime();
        answer.whenComplete(
                (fetched, error) -> {
                    if (error != null) {
                        if (!peer.isDisconnect(error)) {
                            usefulness.failed().ifPresent(this::evictOnce);
                        }
                        return;
                    }
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    int items =
                            fetched.items().isEmpty() && !emptyIsAFailure
                                    ? 1
                                    : fetched.items().size();
                    usefulness.answered(items, millis).ifPresent(this::evictOnce);
                });
        return answer;
    }

    private void evictOnce(EvictionReason reason) {
        if (!evicted) {
            evicted = true;
            evict.accept(reason);
        }
    }
}
