package io.annals.p2p.discovery;

/**
 * Where discovery mechanisms hand the nodes they find (the peer manager). Called from their own
 * threads: implementations must not block.
 */
@FunctionalInterface
public interface NodeSink {
    /** Where a node came from; the peer manager prefers some sources (and shows the counts). */
    enum Source {
        DISCV4,
        DNS,
        NODE_CACHE,
        BOOTNODE
    }

    void offer(DiscoveredNode node, Source source);

    NodeSink NONE = (node, source) -> {};
}
