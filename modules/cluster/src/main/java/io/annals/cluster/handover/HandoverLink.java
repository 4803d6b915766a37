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
 * Another cluster host as a peer for one run of a range this host took over from it: its hint is
 * that run (its first block, its last block and that block's hash, from the directory), and headers
 * outside the run are left out of every answer, so the engine asks it for the run's blocks and
 * nothing else (a host holds scattered ranges; asked for a block it does not hold it would answer
 * empty, a failure in historical sync). Bodies and receipts pass through: they are asked for by
 * hash, of headers this link let through.
 */
final class HandoverLink implements PeerLink {
    private final PeerLink peer;
    private final HeldRun window;

    HandoverLink(PeerLink peer, HeldRun window) {
        this.peer = peer;
        this.window = window;
    }

    @Override
    public String id() {
        return peer.id();
    }

    @Override
    public RangeHint hint() {
        return new RangeHint(window.first(), OptionalLong.of(window.last()), window.lastHash());
    }

    /** The window is fixed: the peer's own announcements change nothing here. */
    @Override
    public void onHintChanged(Consumer<RangeHint> listener) {}

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headers(long from, int count) {
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
        return peer + " for blocks " + window.first() + ".." + window.last();
    }

    private Fetched<BlockHeader> within(Fetched<BlockHeader> fetched) {
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
