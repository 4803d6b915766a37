package io.annals.p2p.discovery;

import io.annals.core.types.Hash;
import java.util.List;
import java.util.Optional;

/**
 * Where discovery keeps the nodes it has verified. discv4 feeds it today; a discv5 service would
 * feed the same table (both use {@code keccak256} of the v4 public key as the node id and log
 * distances over it), and the peer manager reads candidates out of it. Methods take the time so the
 * rules stay testable without a clock.
 */
public interface NodeTable {
    /** What happened to a node offered with {@link #seen}. */
    sealed interface Added permits Added.Inserted, Added.Updated, Added.BucketFull, Added.Refused {
        /** New in its bucket. */
        record Inserted() implements Added {}

        /** Already there: endpoint and record refreshed, moved to the tail (most recently seen). */
        record Updated() implements Added {}

        /**
         * The bucket is full: the node waits among the replacements, and the bucket's least
         * recently seen node should be revalidated (pinged); {@link #revalidated} or {@link
         * #failed} settles it.
         */
        record BucketFull(DiscoveredNode leastRecentlySeen) implements Added {}

        /** Not taken: the local node itself, or over the per-network IP limit. */
        record Refused(String why) implements Added {}
    }

    /** A node proved to be alive (it answered a ping, or pinged us and was bonded). */
    Added seen(DiscoveredNode node, long nowMillis);

    /** The node answered a revalidation ping: it moves to the tail of its bucket. */
    void revalidated(Hash id, long nowMillis);

    /**
     * The node failed to answer: it is removed and the newest replacement of its bucket takes its
     * place.
     */
    void failed(Hash id);

    Optional<DiscoveredNode> get(Hash id);

    /** Up to {@code count} nodes closest to {@code target} by XOR distance, nearest first. */
    List<DiscoveredNode> closest(Hash target, int count);

    /** Every node in the buckets (not the replacements). */
    List<DiscoveredNode> nodes();

    int size();
}
