package io.annals.p2p.dns;

import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.NodeSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps EIP-1459 lists synced: each tree (the configured ones, and those their link subtrees name,
 * up to {@link #MAX_TREES}) is read at start and again every {@code sync-interval}; its nodes go to
 * the {@link NodeSink} when the root's seq moved. A tree that fails to sync is tried again at the
 * next interval. Runs on one single-threaded executor.
 */
public final class DnsDiscovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DnsDiscovery.class);
    static final int MAX_TREES = 16;

    private final DnsTreeClient client;
    private final ScheduledExecutorService loop;
    private final NodeSink sink;
    private final Map<EnrTreeUrl, Long> trees = new HashMap<>();
    private final AtomicLong nodesFound = new AtomicLong();
    private final long intervalMillis;
    private volatile boolean closed;

    public DnsDiscovery(
            DnsTreeClient client,
            ScheduledExecutorService loop,
            NodeSink sink,
            List<EnrTreeUrl> lists,
            long intervalMillis) {
        this.client = client;
        this.loop = loop;
        this.sink = sink;
        this.intervalMillis = intervalMillis;
        lists.forEach(url -> trees.put(url, -1L));
    }

    public void start() {
        loop.execute(this::syncAll);
        loop.scheduleWithFixedDelay(
                this::syncAll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Node records handed to the sink so far. */
    public long nodesFound() {
        return nodesFound.get();
    }

    private void syncAll() {
        if (closed) {
            return;
        }
        for (EnrTreeUrl url : List.copyOf(trees.keySet())) {
            long lastSeq = trees.get(url);
            client.sync(url, lastSeq)
                    .whenCompleteAsync(
                            (sync, error) -> {
                                if (error != null) {
                                    LOG.warn("node list {}: {}", url.domain(), error.getMessage());
                                    return;
                                }
                                trees.put(url, sync.seq());
                                if (!sync.changed()) {
                                    return;
                                }
                                int usable = 0;
                                for (var record : sync.nodes()) {
                                    var node = DiscoveredNode.fromEnr(record);
                                    if (node.isPresent()) {
                                        usable++;
                                        sink.offer(node.get(), NodeSink.Source.DNS);
                                    }
                                }
                                nodesFound.addAndGet(usable);
                                for (EnrTreeUrl link : sync.links()) {
                                    if (trees.size() < MAX_TREES
                                            && trees.putIfAbsent(link, -1L) == null) {
                                        loop.execute(this::syncAll);
                                    }
                                }
                                LOG.info(
                                        "node list {} seq {}: {} nodes ({} with an IPv4 endpoint), {} links",
                                        url.domain(),
                                        sync.seq(),
                                        sync.nodes().size(),
                                        usable,
                                        sync.links().size());
                            },
                            loop);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
