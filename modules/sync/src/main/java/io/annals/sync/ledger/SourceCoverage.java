package io.annals.sync.ledger;

import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Which waiting blocks the connected sources can serve. Since partial history expiry (EIP-4444)
 * peers announce an earliest block above the pre-merge history, which they no longer serve: such
 * blocks go to a fallback source (era files) when one is connected, and are reported as having no
 * source at all when none covers them, rather than waited for. Reads the state, changes nothing.
 */
final class SourceCoverage {
    private final BlockTracker tracker;
    private final Collection<PeerHealth> peers;

    SourceCoverage(BlockTracker tracker, Collection<PeerHealth> peers) {
        this.tracker = tracker;
        this.peers = peers;
    }

    /**
     * The highest block a fallback source may take from the normal queue: one below the lowest
     * block any peer serves; unbounded while no peer (other than fallback sources) is connected.
     */
    long unservedCeiling() {
        long lowestFloor = Long.MAX_VALUE;
        for (PeerHealth peer : peers) {
            if (!peer.fallback()) {
                lowestFloor = Math.min(lowestFloor, peer.floor());
            }
        }
        return lowestFloor == Long.MAX_VALUE ? Long.MAX_VALUE : lowestFloor - 1;
    }

    /**
     * The runs of block numbers up to the highest head any source announced that hold waiting
     * blocks and that no connected source's range ({@code floor..head}) covers: blocks nobody will
     * serve. Each run starts at its first waiting block. Empty while no source is connected (that
     * is a lack of peers, which the stall report shows).
     */
    List<BlockRange> unserved() {
        if (peers.isEmpty() || tracker.waitingCount() == 0) {
            return List.of();
        }
        List<BlockRange> covered = new ArrayList<>();
        long maxHead = -1;
        for (PeerHealth peer : peers) {
            maxHead = Math.max(maxHead, peer.head());
            if (peer.floor() <= peer.head()) {
                covered.add(new BlockRange(peer.floor(), peer.head()));
            }
        }
        covered.sort(Comparator.comparingLong(BlockRange::first));
        List<BlockRange> out = new ArrayList<>();
        long next = 0; // the lowest block not yet known to be covered
        for (BlockRange range : covered) {
            if (range.first() > next) {
                gap(next, Math.min(range.first() - 1, maxHead), out);
            }
            next = Math.max(next, range.last() + 1);
            if (next > maxHead) {
                return out;
            }
        }
        gap(next, maxHead, out);
        return out;
    }

    private void gap(long first, long last, List<BlockRange> out) {
        if (first > last) {
            return;
        }
        long waiting =
                Math.min(
                        lowestIn(tracker.pending().ceiling(first)),
                        lowestIn(tracker.escalation().ceiling(first)));
        if (waiting <= last) {
            out.add(new BlockRange(waiting, last));
        }
    }

    private static long lowestIn(OptionalLong block) {
        return block.orElse(Long.MAX_VALUE);
    }
}
