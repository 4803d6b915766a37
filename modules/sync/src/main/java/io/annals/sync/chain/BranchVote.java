package io.annals.sync.chain;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.sync.link.PeerLink;
import io.annals.sync.model.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks every connected peer which block it has at one height, for a conflict no anchor reaches:
 * each peer that serves one of the two candidates votes for it (one vote per peer, whatever it
 * claims), the others abstain. A single liar is outvoted as soon as two honest peers answer.
 */
final class BranchVote {

    private BranchVote() {}

    record Tally(Set<PeerId> forStored, Set<PeerId> forIncoming) {

        boolean incomingWins() {
            return forIncoming.size() > forStored.size();
        }

        @Override
        public String toString() {
            return forIncoming.size()
                    + " peers for the incoming block, "
                    + forStored.size()
                    + " for the stored one";
        }
    }

    static CompletableFuture<Tally> at(
            long height,
            Hash stored,
            Hash incoming,
            Map<PeerId, PeerLink> links,
            Duration timeout) {
        List<PeerId> peers = new ArrayList<>(links.keySet());
        List<CompletableFuture<Optional<Hash>>> answers = new ArrayList<>();
        for (PeerId peer : peers) {
            answers.add(answer(links.get(peer), height, timeout));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(
                        done -> {
                            Set<PeerId> forStored = new HashSet<>();
                            Set<PeerId> forIncoming = new HashSet<>();
                            for (int i = 0; i < peers.size(); i++) {
                                Optional<Hash> hash = answers.get(i).join();
                                if (hash.filter(stored::equals).isPresent()) {
                                    forStored.add(peers.get(i));
                                } else if (hash.filter(incoming::equals).isPresent()) {
                                    forIncoming.add(peers.get(i));
                                }
                            }
                            return new Tally(forStored, forIncoming);
                        });
    }

    private static CompletableFuture<Optional<Hash>> answer(
            PeerLink link, long height, Duration timeout) {
        try {
            return link.headers(height, 1)
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(
                            fetched ->
                                    fetched.items().stream()
                                            .filter(header -> header.number() == height)
                                            .findFirst()
                                            .map(BlockHeader::hash))
                    .exceptionally(failure -> Optional.empty());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    }
}
