package io.annals.p2p.discv4;

import io.annals.core.types.Hash;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.enr.Enr;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The replies discv4 waits for, each with a deadline: a Pong per ping hash, the Neighbors of one
 * FindNode per node (collected until {@link PacketCodec#MAX_NEIGHBORS} nodes or the deadline), an
 * ENRResponse per request hash. A reply is accepted only from the node that was asked; anything
 * else is unsolicited. Lives on the discovery thread.
 */
final class PendingReplies {
    private record PendingPong(
            Hash from, CompletableFuture<Packet.Pong> reply, ScheduledFuture<?> timer) {}

    private static final class PendingNeighbors {
        final List<Packet.NodeEntry> nodes = new ArrayList<>();
        boolean answered;
        final CompletableFuture<List<Packet.NodeEntry>> reply = new CompletableFuture<>();
        ScheduledFuture<?> timer;
    }

    private record PendingEnr(Hash from, CompletableFuture<Enr> reply, ScheduledFuture<?> timer) {}

    /**
     * An ENRRequest holds only its expiration, so the same request to two nodes in one second has
     * the same hash: responses are matched by node and hash.
     */
    private record EnrKey(Hash node, ByteBuffer hash) {}

    private final ScheduledExecutorService loop;
    private final long timeoutMillis;
    private final Map<ByteBuffer, PendingPong> pongs = new HashMap<>();
    private final Map<Hash, PendingNeighbors> neighbors = new HashMap<>();
    private final Map<EnrKey, PendingEnr> enrs = new HashMap<>();

    PendingReplies(ScheduledExecutorService loop, long timeoutMillis) {
        this.loop = loop;
        this.timeoutMillis = timeoutMillis;
    }

    CompletableFuture<Packet.Pong> expectPong(DiscoveredNode to, byte[] pingHash) {
        ByteBuffer key = ByteBuffer.wrap(pingHash);
        CompletableFuture<Packet.Pong> reply = new CompletableFuture<>();
        ScheduledFuture<?> timer =
                loop.schedule(
                        () -> {
                            if (pongs.remove(key) != null) {
                                reply.completeExceptionally(
                                        new TimeoutException("no Pong from " + to));
                            }
                        },
                        timeoutMillis,
                        TimeUnit.MILLISECONDS);
        pongs.put(key, new PendingPong(to.id(), reply, timer));
        return reply;
    }

    /** True when the Pong answered one of our pings to its sender. */
    boolean pong(Hash from, Packet.Pong pong) {
        ByteBuffer key = ByteBuffer.wrap(pong.pingHash());
        PendingPong pending = pongs.get(key);
        if (pending == null || !pending.from().equals(from)) {
            return false;
        }
        pongs.remove(key);
        pending.timer().cancel(false);
        pending.reply().complete(pong);
        return true;
    }

    /**
     * Completes with the nodes received by the deadline (possibly none), or fails if no Neighbors
     * packet came.
     */
    CompletableFuture<List<Packet.NodeEntry>> expectNeighbors(DiscoveredNode to) {
        PendingNeighbors pending = new PendingNeighbors();
        neighbors.put(to.id(), pending);
        pending.timer =
                loop.schedule(
                        () -> {
                            if (neighbors.remove(to.id(), pending)) {
                                if (!pending.answered) {
                                    pending.reply.completeExceptionally(
                                            new TimeoutException("no Neighbors from " + to));
                                } else {
                                    pending.reply.complete(List.copyOf(pending.nodes));
                                }
                            }
                        },
                        timeoutMillis,
                        TimeUnit.MILLISECONDS);
        return pending.reply;
    }

    /** True when a FindNode to the sender was outstanding. */
    boolean neighbors(Hash from, Packet.Neighbors packet) {
        PendingNeighbors pending = neighbors.get(from);
        if (pending == null) {
            return false;
        }
        pending.answered = true;
        for (Packet.NodeEntry node : packet.nodes()) {
            if (pending.nodes.size() < PacketCodec.MAX_NEIGHBORS) {
                pending.nodes.add(node);
            }
        }
        if (pending.nodes.size() >= PacketCodec.MAX_NEIGHBORS) {
            neighbors.remove(from);
            pending.timer.cancel(false);
            pending.reply.complete(List.copyOf(pending.nodes));
        }
        return true;
    }

    CompletableFuture<Enr> expectEnr(DiscoveredNode to, byte[] requestHash) {
        EnrKey key = new EnrKey(to.id(), ByteBuffer.wrap(requestHash));
        CompletableFuture<Enr> reply = new CompletableFuture<>();
        ScheduledFuture<?> timer =
                loop.schedule(
                        () -> {
                            if (enrs.remove(key) != null) {
                                reply.completeExceptionally(
                                        new TimeoutException("no ENRResponse from " + to));
                            }
                        },
                        timeoutMillis,
                        TimeUnit.MILLISECONDS);
        enrs.put(key, new PendingEnr(to.id(), reply, timer));
        return reply;
    }

    /** True when the response answered our request to its sender with its own record. */
    boolean enr(Hash from, byte[] senderKey, Packet.EnrResponse response) {
        EnrKey key = new EnrKey(from, ByteBuffer.wrap(response.requestHash()));
        PendingEnr pending = enrs.get(key);
        if (pending == null
                || !pending.from().equals(from)
                || !java.util.Arrays.equals(response.record().publicKey(), senderKey)) {
            return false;
        }
        enrs.remove(key);
        pending.timer().cancel(false);
        pending.reply().complete(response.record());
        return true;
    }

    void cancelAll() {
        pongs.values().forEach(p -> p.timer().cancel(false));
        neighbors.values().forEach(p -> p.timer.cancel(false));
        enrs.values().forEach(p -> p.timer().cancel(false));
        pongs.clear();
        neighbors.clear();
        enrs.clear();
    }
}
