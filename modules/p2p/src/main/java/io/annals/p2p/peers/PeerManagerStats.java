package io.annals.p2p.peers;

import java.util.Map;

/**
 * The peer manager's state for stats, metrics and the progress line.
 *
 * @param knownNodes nodes it may dial
 * @param dialing dials in flight
 * @param byEthVersion connected peers per negotiated eth version (68, 69, 70)
 * @param evicted nodes dropped as useless, by reason (while their pause lasts)
 */
public record PeerManagerStats(
        int knownNodes,
        int dialing,
        int inbound,
        int outbound,
        Map<Integer, Integer> byEthVersion,
        Map<EvictionReason, Integer> evicted,
        long dialFailures) {
    public PeerManagerStats {
        byEthVersion = Map.copyOf(byEthVersion);
        evicted = Map.copyOf(evicted);
    }

    public static final PeerManagerStats EMPTY =
            new PeerManagerStats(0, 0, 0, 0, Map.of(), Map.of(), 0);

    public int connected() {
        return inbound + outbound;
    }
}
