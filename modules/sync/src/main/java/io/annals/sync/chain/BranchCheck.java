package io.annals.sync.chain;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.sync.link.PeerLink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Whether an anchor's chain runs through a given block: headers walked down from the anchor's hash
 * (whoever serves them) down to that block's number. Used while the writer follows the branch of a
 * rollback, to notice that the agreed head moved off it.
 */
public final class BranchCheck {

    private BranchCheck() {}

    /** Empty when no peer served the anchor's chain down to {@code number}. */
    public static CompletableFuture<Optional<Boolean>> runsThrough(
            List<PeerLink> links, Anchor anchor, long number, Hash hash, Duration timeout) {
        if (anchor.number() < number) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return HeaderWalk.down(
                        links,
                        anchor.hash(),
                        anchor.number(),
                        number,
                        timeout,
                        chunk -> CompletableFuture.completedFuture(false))
                .thenApply(
                        headers ->
                                headers.stream()
                                        .filter(header -> header.number() == number)
                                        .findFirst()
                                        .map(BlockHeader::hash)
                                        .map(hash::equals));
    }
}
