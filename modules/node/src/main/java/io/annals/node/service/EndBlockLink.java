package io.annals.node.service;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.sync.link.Fetched;
import io.annals.sync.link.PeerLink;
import io.annals.sync.link.RangeHint;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A peer as the engine sees it when the node syncs only up to an end block ({@code --end-block}):
 * its announced head is capped at the end block and headers above it are left out of every answer,
 * so the engine's network head, and with it the target, never passes the end block. Historical sync
 * fills the range; nothing beyond it is ever fetched or followed. Bodies and receipts pass through:
 * they are asked for by hash, of headers this link let through.
 *
 * <p>A capped head is announced with the end block's hash once a header answer showed it (the head
 * hash the peer announced is of a block above the end, and the engine anchors the chain at head
 * hashes); until then with no number, as an eth/68 Status would be, so the engine probes the peer
 * by hash and is answered with the end block's header.
 */
final class EndBlockLink implements PeerLink {
    private final PeerLink peer;
    private final long endBlock;

    /**
     * The end block's hash, once a header answer carried it; written by the threads completing
     * answers.
     */
    private volatile Hash endHash;

    EndBlockLink(PeerLink peer, long endBlock) {
        this.peer = peer;
        this.endBlock = endBlock;
    }

    @Override
    public String id() {
        return peer.id();
    }

    @Override
    public RangeHint hint() {
        return capped(peer.hint());
    }

    @Override
    public void onHintChanged(Consumer<RangeHint> listener) {
        peer.onHintChanged(hint -> listener.accept(capped(hint)));
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headers(long from, int count) {
        if (from > endBlock) {
            return CompletableFuture.completedFuture(new Fetched<>(List.of(), 0));
        }
        return peer.headers(from, (int) Math.min(count, endBlock - from + 1))
                .thenApply(this::withinEnd);
    }

    /**
     * The header with this hash; a header above the end block is answered with the end block's
     * header instead, since this link announces the end block as the peer's head (the head probe
     * asks for the announced head hash when it knows no number).
     */
    @Override
    public CompletableFuture<Fetched<BlockHeader>> header(Hash hash) {
        return peer.header(hash)
                .thenCompose(
                        fetched ->
                                fetched.items().isEmpty()
                                                || fetched.items().get(0).number() <= endBlock
                                        ? CompletableFuture.completedFuture(fetched)
                                        : peer.headers(endBlock, 1))
                .thenApply(this::withinEnd);
    }

    /**
     * The walk back from a hash, without headers above the end block (they come first: descending).
     */
    @Override
    public CompletableFuture<Fetched<BlockHeader>> headersBack(Hash from, int count) {
        return peer.headersBack(from, count).thenApply(this::withinEnd);
    }

    @Override
    public CompletableFuture<Fetched<BlockBody>> bodies(List<Hash> hashes) {
        return peer.bodies(hashes);
    }

    @Override
    public CompletableFuture<Fetched<List<Receipt>>> receipts(List<BlockHeader> headers) {
        return peer.receipts(headers);
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

    @Override
    public String toString() {
        return peer + " up to block " + endBlock;
    }

    private RangeHint capped(RangeHint hint) {
        if (hint.latest().isPresent() && hint.latest().getAsLong() > endBlock) {
            Hash known = endHash;
            return known != null
                    ? new RangeHint(
                            Math.min(hint.earliest(), endBlock), OptionalLong.of(endBlock), known)
                    : new RangeHint(
                            Math.min(hint.earliest(), endBlock),
                            OptionalLong.empty(),
                            hint.headHash());
        }
        return hint;
    }

    /** The answer without headers above the end block. */
    private Fetched<BlockHeader> withinEnd(Fetched<BlockHeader> fetched) {
        List<BlockHeader> kept =
                fetched.items().stream().filter(header -> header.number() <= endBlock).toList();
        kept.stream()
                .filter(header -> header.number() == endBlock)
                .findFirst()
                .ifPresent(end -> endHash = end.hash());
        if (kept.size() == fetched.size()) {
            return fetched;
        }
        long bytes = kept.stream().mapToLong(header -> header.unsafeEncoding().length).sum();
        return new Fetched<>(kept, bytes);
    }
}
