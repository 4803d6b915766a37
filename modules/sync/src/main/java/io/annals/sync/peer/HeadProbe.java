package io.annals.sync.peer;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.sync.link.PeerLink;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Header requests that find out what a peer really serves, composed as futures (no actor state):
 * its head, proven by the peer serving the header, and whether it serves blocks below the earliest
 * block it announces. A peer's announcement lags its head by up to an epoch, so the head probe asks
 * from the believed head onwards and takes the last header that comes back.
 */
final class HeadProbe {

    private HeadProbe() {}

    /** A head the peer proved by serving its header. */
    record ProvenHead(long number, Hash hash) {}

    /** What a probe found: the proven head, if any, and whether the peer serves below its floor. */
    record Result(Optional<ProvenHead> head, boolean servesBelowFloor) {}

    /**
     * The head probe, and with {@code floor > 0} the floor probe as well (whose failure counts as
     * "does not serve below it").
     */
    static CompletableFuture<Result> probe(PeerLink link, long believed, int span, long floor) {
        CompletableFuture<Boolean> below =
                floor > 0
                        ? servesBelow(link, floor).exceptionally(failure -> false)
                        : CompletableFuture.completedFuture(false);
        return head(link, believed, span).thenCombine(below, Result::new);
    }

    /**
     * The highest block whose header the peer serves, looking up to {@code span} blocks from {@code
     * believed} (the best head known, or -1 when only the announced head hash is known). Empty when
     * the peer serves neither the believed head nor its announced head hash.
     */
    static CompletableFuture<Optional<ProvenHead>> head(PeerLink link, long believed, int span) {
        CompletableFuture<OptionalLong> base =
                believed >= 0
                        ? CompletableFuture.completedFuture(OptionalLong.of(believed))
                        : announcedHead(link)
                                .thenApply(
                                        head ->
                                                head.map(proven -> OptionalLong.of(proven.number()))
                                                        .orElse(OptionalLong.empty()));
        return base.thenCompose(
                start -> {
                    if (start.isEmpty()) {
                        return CompletableFuture.completedFuture(Optional.empty());
                    }
                    long from = start.getAsLong();
                    return link.headers(from, span)
                            .thenCompose(
                                    fetched -> {
                                        List<BlockHeader> headers = fetched.items();
                                        if (!headers.isEmpty() && headers.get(0).number() == from) {
                                            return CompletableFuture.completedFuture(
                                                    Optional.of(highestLinked(headers)));
                                        }
                                        // it does not serve the head we believed (an announcement
                                        // ahead of it): ask by its head hash
                                        return believed >= 0
                                                ? announcedHead(link)
                                                : CompletableFuture.completedFuture(
                                                        Optional.empty());
                                    });
                });
    }

    /**
     * Whether the peer serves the block just below {@code floor} (its announced earliest block) in
     * full: some clients announce an earliest block they do not hold to, and history below it is
     * then worth asking them for after all.
     */
    static CompletableFuture<Boolean> servesBelow(PeerLink link, long floor) {
        if (floor <= 0) {
            return CompletableFuture.completedFuture(true);
        }
        return link.headers(floor - 1, 1)
                .thenCompose(
                        headers -> {
                            if (headers.items().isEmpty()) {
                                return CompletableFuture.completedFuture(false);
                            }
                            return link.bodies(List.of(headers.items().get(0).hash()))
                                    .thenApply(bodies -> !bodies.items().isEmpty());
                        });
    }

    private static CompletableFuture<Optional<ProvenHead>> announcedHead(PeerLink link) {
        return link.header(link.hint().headHash())
                .thenApply(
                        fetched ->
                                fetched.items().isEmpty()
                                        ? Optional.empty()
                                        : Optional.of(
                                                new ProvenHead(
                                                        fetched.items().get(0).number(),
                                                        fetched.items().get(0).hash())));
    }

    /** The highest header of the answer's first run of consecutive, parent-linked headers. */
    private static ProvenHead highestLinked(List<BlockHeader> headers) {
        BlockHeader highest = headers.get(0);
        for (int i = 1; i < headers.size(); i++) {
            BlockHeader next = headers.get(i);
            if (next.number() != highest.number() + 1
                    || !next.parentHash().equals(highest.hash())) {
                break;
            }
            highest = next;
        }
        return new ProvenHead(highest.number(), highest.hash());
    }
}
