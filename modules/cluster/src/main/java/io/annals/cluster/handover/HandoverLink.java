package io.annals.cluster.handover;

import io.annals.cluster.directory.HeldRun;
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
 * Another cluster host as a peer for the run of a range this host takes over from it (its window,
 * set in {@link Handovers}): its hint is that run (its first block, its last block and that block's
 * hash, from the directory), and headers outside the run are left out of every answer, so the
 * engine asks it for the run's blocks and nothing else (a host holds scattered ranges; asked for a
 * block it does not hold it would answer empty, a failure in historical sync). A new window reaches
 * the engine as a new hint. Bodies and receipts pass through: they are asked for by hash, of
 * headers this link let through.
 */
final class HandoverLink implements PeerLink {
    private final PeerLink peer;
    private final Handovers handovers;

    HandoverLink(PeerLink peer, Handovers handovers) {
        this.peer = peer;
        this.handovers = handovers;
    }

    static RangeHint hintOf(HeldRun window) {
        return new RangeHint(window.first(), OptionalLong.of(window.last()), window.lastHash());
    }

    /** The window now (set before the link was wrapped; windows are replaced, never removed). */
    private HeldRun window() {
        return handovers.window(peer.id()).orElseThrow();
    }

    @Override
    public String id() {
        return peer.id();
    }

    @Override
    public RangeHint hint() {
        return hintOf(window());
    }

    /** The window decides: the peer's own announcements change nothing here. */
    @Override
    public void onHintChanged(Consumer<RangeHint> listener) {
        handovers.onWindowChanged(peer.id(), listener);
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headers(long from, int count) {
        HeldRun window = window();
        if (from > window.last() || from < window.first()) {
            return CompletableFuture.completedFuture(new Fetched<>(List.of(), 0));
        }
        return peer.headers(from, (int) Math.min(count, window.last() - from + 1))
                .thenApply(this::within);
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> header(Hash hash) {
        return peer.header(hash).thenApply(this::within);
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headersBack(Hash from, int count) {
        return peer.headersBack(from, count).thenApply(this::within);
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
        return peer + " for blocks " + window().first() + ".." + window().last();
    }

    private Fetched<BlockHeader> within(Fetched<BlockHeader> fetched) {
        HeldRun window = window();
        List<BlockHeader> kept =
                fetched.items().stream()
                        .filter(header -> window.contains(header.number()))
                        .toList();
        if (kept.size() == fetched.size()) {
            return fetched;
        }
        long bytes = kept.stream().mapToLong(header -> header.unsafeEncoding().length).sum();
        return new Fetched<>(kept, bytes);
    }
}
