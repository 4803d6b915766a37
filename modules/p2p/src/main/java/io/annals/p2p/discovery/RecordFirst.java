package io.annals.p2p.discovery;

import io.annals.core.types.Hash;
import io.annals.p2p.enr.Enr;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Hands on only nodes whose record is known, so the fork-id filter can judge them before any dial,
 * as geth's and reth's dial iterators resolve a node's ENR first: a node found without one (in a
 * Neighbors answer, or a bootnode given as an enode URL) is asked for it, and handed on with it
 * when it comes; one that never answers is never handed on. A node is asked once at a time.
 */
public final class RecordFirst implements NodeSink {

    private final NodeSink next;
    private final Function<DiscoveredNode, CompletableFuture<Enr>> resolve;
    private final Set<Hash> asking = ConcurrentHashMap.newKeySet();

    /**
     * @param resolve asks a node for its record (discv4's ENRRequest, bonding first)
     */
    public RecordFirst(NodeSink next, Function<DiscoveredNode, CompletableFuture<Enr>> resolve) {
        this.next = next;
        this.resolve = resolve;
    }

    @Override
    public void offer(DiscoveredNode node, Source source) {
        Optional<Enr> record = node.enr();
        if (record.isPresent() || source == Source.NODE_CACHE) {
            next.offer(node, source); // a cached node was connected before: its Status was checked
            return;
        }
        if (!asking.add(node.id())) {
            return;
        }
        resolve.apply(node)
                .whenComplete(
                        (enr, failure) -> {
                            asking.remove(node.id());
                            if (enr != null) {
                                next.offer(node.withEnr(enr), source);
                            }
                        });
    }
}
