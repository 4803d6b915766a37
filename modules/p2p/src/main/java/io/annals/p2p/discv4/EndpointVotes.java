package io.annals.p2p.discv4;

import io.annals.core.types.Hash;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the nodes that answer our pings say our address is (the {@code to} of their Pong). Each node
 * has one vote, its latest; the address named by at least {@code quorum} distinct nodes, and by
 * more than any other, wins. Bounded to the latest {@code maxVoters} voters. Plain.
 */
final class EndpointVotes {
    private final int quorum;
    private final Map<Hash, InetAddress> votes;

    EndpointVotes(int quorum, int maxVoters) {
        this.quorum = quorum;
        this.votes =
                new LinkedHashMap<>(32, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Hash, InetAddress> eldest) {
                        return size() > maxVoters;
                    }
                };
    }

    void vote(Hash voter, InetAddress address) {
        if (!address.isAnyLocalAddress() && !address.isMulticastAddress()) {
            votes.put(voter, address);
        }
    }

    Optional<InetAddress> winner() {
        Map<InetAddress, Integer> counts = new HashMap<>();
        votes.values().forEach(a -> counts.merge(a, 1, Integer::sum));
        return counts.entrySet().stream()
                .filter(e -> e.getValue() >= quorum)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }
}
