package io.annals.p2p.discovery;

/**
 * Where discovery mechanisms hand the nodes they find (the peer manager). Called from their own
 * threads: implementations must not block.
 */
@FunctionalInterface
public interface NodeSink {
    /** Where a node came from; the peer manager dials them in this order of preference. */
    enum Source {
        /** Connected or known good before the last restart. */
        NODE_CACHE,
        /** A signed EIP-1459 list. */
        DNS,
        BOOTNODE,
        DISCV4
    }

    void offer(DiscoveredNode node, Source source);

    NodeSink NONE = (node, source) -> {};
}
