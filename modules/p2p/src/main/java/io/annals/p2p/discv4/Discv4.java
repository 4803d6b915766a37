package io.annals.p2p.discv4;

import io.annals.core.crypto.Keccak256;
import io.annals.core.types.Hash;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.KademliaTable;
import io.annals.p2p.discovery.NodeSink;
import io.annals.p2p.discovery.NodeTable;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discv4 node (<a
 * href="https://github.com/ethereum/devp2p/blob/master/discv4.md">discv4.md</a>, EIP-8, EIP-868)
 * without its socket: it answers Ping, FindNode and ENRRequest, keeps the Kademlia table verified
 * (a node enters only after answering our ping; the least recently seen are revalidated), runs
 * iterative lookups (α = 3, k = 16), and hands every verified node to a {@link NodeSink}. Bytes
 * come in through {@link #onDatagram} and leave through a {@link DatagramSender}.
 *
 * <p>What it refuses: packets over the size limit, with a bad hash or signature, expired, or from a
 * source over its rate; FindNode and ENRRequest from a node without an endpoint proof (no Pong from
 * it within {@code bond-expiration}); Pong, Neighbors and ENRResponse nobody asked for. None of
 * them reaches the table. A replayed packet needs no memory of hashes: proofs are bound to the
 * sender's IP, so a copy sent from another address earns that address a Pong and a ping that only
 * the real sender could answer.
 *
 * <p>Every method runs on the {@code loop} executor, which must run one task at a time (the UDP
 * channel's event loop); public methods hop onto it.
 */
public final class Discv4 {
    private static final Logger LOG = LoggerFactory.getLogger(Discv4.class);
    static final int ALPHA = 3;
    static final int K = KademliaTable.BUCKET_SIZE;

    private final NodeKey key;
    private final Hash self;
    private final Discv4Settings settings;
    private final KademliaTable table;
    private final LocalNode local;
    private final ScheduledExecutorService loop;
    private final LongSupplier clock;
    private final DatagramSender sender;
    private final NodeSink sink;
    private final PendingReplies pending;
    private final Bonds bonds;
    private final RateLimiter rates;
    private final EndpointVotes votes;
    private final Map<Hash, List<Runnable>> awaitingTheirPing = new HashMap<>();
    // one ping, ENR request and FindNode in flight per node: signatures are deterministic, so two
    // identical packets in one second would carry the same hash and their replies would collide
    private final Map<Hash, CompletableFuture<Packet.Pong>> pinging = new HashMap<>();
    private final Map<Hash, CompletableFuture<Enr>> enrRequests = new HashMap<>();
    private final Map<Hash, CompletableFuture<?>> finds = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private List<DiscoveredNode> bootnodes = List.of();
    private long received, malformed, rateLimited, expired, unsolicited, lookups;
    private volatile Discv4Stats stats = new Discv4Stats(0, 0, 0, 0, 0, 0, 0);
    private boolean closed;

    public Discv4(
            NodeKey key,
            Discv4Settings settings,
            LocalNode local,
            ScheduledExecutorService loop,
            LongSupplier clock,
            DatagramSender sender,
            NodeSink sink) {
        this.key = key;
        this.self = Keccak256.hashOf(key.nodeId());
        this.settings = settings;
        this.table = new KademliaTable(self, settings.bucketIpLimit(), settings.tableIpLimit());
        this.local = local;
        this.loop = loop;
        this.clock = clock;
        this.sender = sender;
        this.sink = sink;
        this.pending = new PendingReplies(loop, settings.requestTimeout().toMillis());
        this.bonds = new Bonds(settings.bondExpiration().toMillis(), 100_000);
        this.rates =
                new RateLimiter(
                        settings.packetsPerSecond(), settings.packetBurst(), settings.maxSources());
        this.votes = new EndpointVotes(settings.endpointVotes(), 200);
    }

    /**
     * Starts on the bound port: pings the bootnodes, looks up our own id once they answered, and
     * schedules revalidation and refresh.
     */
    public void start(int boundPort, List<Enode> bootnodeUrls) {
        loop.execute(
                () -> {
                    local.bound(boundPort);
                    bootnodes = resolve(bootnodeUrls);
                    bootstrap().thenRun(() -> lookup(key.nodeId()));
                    long revalidate = settings.revalidateInterval().toMillis();
                    timers.add(
                            loop.scheduleWithFixedDelay(
                                    this::revalidate,
                                    revalidate,
                                    revalidate,
                                    TimeUnit.MILLISECONDS));
                    long refresh = settings.refreshInterval().toMillis();
                    timers.add(
                            loop.scheduleWithFixedDelay(
                                    this::refresh, refresh, refresh, TimeUnit.MILLISECONDS));
                    publishStats();
                });
    }

    /** A lookup of a random target: more nodes for the peer manager. */
    public CompletableFuture<List<DiscoveredNode>> lookupRandom() {
        byte[] target = new byte[64];
        random.nextBytes(target);
        return lookup(target);
    }

    /**
     * The k closest nodes to a public key (by the XOR distance of its hash, as FindNode names its
     * target) that answered, after an iterative lookup.
     */
    public CompletableFuture<List<DiscoveredNode>> lookup(byte[] targetKey) {
        byte[] key64 = targetKey.clone();
        Hash target = Keccak256.hashOf(key64);
        CompletableFuture<List<DiscoveredNode>> done = new CompletableFuture<>();
        loop.execute(
                () -> {
                    List<DiscoveredNode> seeds = table.closest(target, K);
                    Lookup lookup =
                            new Lookup(target, self, seeds.isEmpty() ? bootnodes : seeds, ALPHA, K);
                    step(lookup, key64, done);
                });
        return done;
    }

    /** Asks a node for its current record (ENRRequest), bonding first. */
    public CompletableFuture<Enr> requestEnr(DiscoveredNode node) {
        CompletableFuture<Enr> result = new CompletableFuture<>();
        loop.execute(
                () ->
                        ensureBond(node)
                                .thenCompose(ignored -> sendEnrRequest(node))
                                .whenComplete(
                                        (enr, error) -> {
                                            if (error != null) {
                                                result.completeExceptionally(error);
                                            } else {
                                                result.complete(enr);
                                            }
                                        }));
        return result;
    }

    /** The verified nodes now (a copy, taken on the loop). */
    public CompletableFuture<List<DiscoveredNode>> nodes() {
        return CompletableFuture.supplyAsync(table::nodes, loop);
    }

    public Discv4Stats stats() {
        return stats;
    }

    public LocalNode localNode() {
        return local;
    }

    /** Re-signs the local record if the fork id moved (call after the served head moved). */
    public void refreshLocalRecord() {
        loop.execute(local::refresh);
    }

    public void close() {
        loop.execute(
                () -> {
                    closed = true;
                    timers.forEach(t -> t.cancel(false));
                    pending.cancelAll();
                });
    }

    /** One received datagram; called on the loop by the socket adapter. */
    public void onDatagram(byte[] datagram, InetSocketAddress from) {
        long now = clock.getAsLong();
        if (closed) {
            return;
        }
        if (!rates.tryAcquire(from.getAddress().getHostAddress(), now)) {
            rateLimited++;
            publishStats();
            return;
        }
        PacketCodec.Decoded decoded;
        try {
            decoded = PacketCodec.decode(datagram);
        } catch (PacketException e) {
            malformed++;
            LOG.atDebug()
                    .addArgument(from)
                    .addArgument(e::getMessage)
                    .log("discv4: dropped a datagram from {}: {}");
            publishStats();
            return;
        }
        Hash sender = Keccak256.hashOf(decoded.senderPublicKey());
        long nowSeconds = now / 1000;
        Packet packet = decoded.packet();
        if (sender.equals(self)) {
            unsolicited++;
        } else if (!(packet instanceof Packet.EnrResponse)
                && Long.compareUnsigned(packet.expiration(), nowSeconds) < 0) {
            expired++;
        } else {
            received++;
            dispatch(decoded, sender, from, now);
        }
        publishStats();
    }

    private void unsolicited(Packet packet, InetSocketAddress from) {
        unsolicited++;
        LOG.atDebug()
                .addArgument(packet::getClass)
                .addArgument(from)
                .log("discv4: unsolicited or unproven {} from {}");
    }

    private void dispatch(
            PacketCodec.Decoded decoded, Hash sender, InetSocketAddress from, long now) {
        String ip = from.getAddress().getHostAddress();
        byte[] senderKey = decoded.senderPublicKey();
        if (decoded.packet() instanceof Packet.Ping ping) {
            onPing(ping, decoded.hash(), senderKey, sender, from, now);
        } else if (decoded.packet() instanceof Packet.Pong pong) {
            if (!pending.pong(sender, pong)) {
                unsolicited(decoded.packet(), from);
            }
        } else if (decoded.packet() instanceof Packet.FindNode find) {
            if (bonds.isVerified(sender, ip, now)) {
                answerFindNode(find, from);
            } else {
                unsolicited(decoded.packet(), from);
            }
        } else if (decoded.packet() instanceof Packet.Neighbors neighbors) {
            if (!pending.neighbors(sender, neighbors)) {
                unsolicited(decoded.packet(), from);
            }
        } else if (decoded.packet() instanceof Packet.EnrRequest) {
            if (bonds.isVerified(sender, ip, now)) {
                send(from, new Packet.EnrResponse(decoded.hash(), local.record()));
            } else {
                unsolicited(decoded.packet(), from);
            }
        } else if (decoded.packet() instanceof Packet.EnrResponse response) {
            if (!pending.enr(sender, senderKey, response)) {
                unsolicited(decoded.packet(), from);
            }
        }
    }

    private void onPing(
            Packet.Ping ping,
            byte[] hash,
            byte[] senderKey,
            Hash sender,
            InetSocketAddress from,
            long now) {
        Endpoint seenAt = new Endpoint(from.getAddress(), from.getPort(), ping.from().tcpPort());
        send(
                from,
                new Packet.Pong(
                        new Endpoint(from.getAddress(), from.getPort(), ping.from().tcpPort()),
                        hash,
                        expiration(),
                        OptionalLong.of(local.record().seq())));
        String ip = from.getAddress().getHostAddress();
        bonds.pingReceived(sender, ip, now);
        List<Runnable> waiting = awaitingTheirPing.remove(sender);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
        DiscoveredNode node =
                table.get(sender)
                        .map(n -> n.withEndpoint(seenAt))
                        .orElseGet(() -> DiscoveredNode.of(senderKey, seenAt));
        if (bonds.isVerified(sender, ip, now)) {
            admit(node, now);
        } else {
            // no endpoint proof yet: ping back (discv4.md), the Pong admits the node
            ping(node);
        }
    }

    /** Pings a node; completes when it answered (the node is then admitted to the table). */
    private CompletableFuture<Packet.Pong> ping(DiscoveredNode node) {
        CompletableFuture<Packet.Pong> inFlight = pinging.get(node.id());
        if (inFlight != null) {
            return inFlight;
        }
        Packet.Ping ping =
                new Packet.Ping(
                        Packet.VERSION,
                        local.endpoint(),
                        new Endpoint(node.endpoint().ip(), node.endpoint().udpPort(), 0),
                        expiration(),
                        OptionalLong.of(local.record().seq()));
        byte[] hash = send(node.endpoint().udpAddress(), ping);
        CompletableFuture<Packet.Pong> reply = pending.expectPong(node, hash);
        pinging.put(node.id(), reply);
        reply.whenComplete(
                (pong, error) -> {
                    pinging.remove(node.id());
                    if (error == null) {
                        onPongFrom(node, pong);
                    }
                });
        return reply;
    }

    private void onPongFrom(DiscoveredNode node, Packet.Pong pong) {
        long now = clock.getAsLong();
        bonds.pongReceived(node.id(), node.endpoint().ip().getHostAddress(), now);
        votes.vote(node.id(), pong.to().ip());
        votes.winner().ifPresent(local::voted);
        admit(node, now);
        long knownSeq = table.get(node.id()).flatMap(DiscoveredNode::enr).map(Enr::seq).orElse(-1L);
        if (pong.enrSeq().isPresent()
                        && Long.compareUnsigned(pong.enrSeq().getAsLong(), knownSeq) > 0
                || knownSeq < 0 && pong.enrSeq().isPresent()) {
            ensureBond(node).thenCompose(ignored -> sendEnrRequest(node));
        }
    }

    private void admit(DiscoveredNode node, long now) {
        Optional<DiscoveredNode> known = table.get(node.id());
        DiscoveredNode merged = known.flatMap(DiscoveredNode::enr).map(node::withEnr).orElse(node);
        NodeTable.Added added = table.seen(merged, now);
        if (added instanceof NodeTable.Added.BucketFull full) {
            DiscoveredNode head = full.leastRecentlySeen();
            ping(head)
                    .whenComplete(
                            (pong, error) -> {
                                if (error != null) {
                                    table.failed(head.id());
                                }
                            });
            // The node answered us, so it is live, but its bucket has no room: it waits among the
            // replacements, yet may well be the peer we want (a table keeps 16 nodes per
            // distance; go-ethereum's dialer, too, takes the nodes its lookups find, kept or not).
            sink.offer(merged, NodeSink.Source.DISCV4);
        } else if (added instanceof NodeTable.Added.Inserted
                || added instanceof NodeTable.Added.Updated) {
            if (known.isEmpty() || !known.get().endpoint().equals(merged.endpoint())) {
                sink.offer(merged, NodeSink.Source.DISCV4);
            }
        }
    }

    private CompletableFuture<Enr> sendEnrRequest(DiscoveredNode node) {
        CompletableFuture<Enr> inFlight = enrRequests.get(node.id());
        if (inFlight != null) {
            return inFlight;
        }
        byte[] hash = send(node.endpoint().udpAddress(), new Packet.EnrRequest(expiration()));
        CompletableFuture<Enr> reply = pending.expectEnr(node, hash);
        enrRequests.put(node.id(), reply);
        reply.whenComplete(
                (enr, error) -> {
                    enrRequests.remove(node.id());
                    if (error == null) {
                        table.get(node.id())
                                .ifPresent(
                                        known -> {
                                            DiscoveredNode updated = known.withEnr(enr);
                                            table.seen(updated, clock.getAsLong());
                                            sink.offer(updated, NodeSink.Source.DISCV4);
                                        });
                    }
                });
        return reply;
    }

    /**
     * Makes sure the node will answer our FindNode: it must hold our Pong to a ping of its own. If
     * it has not pinged us lately, we ping it and give it one timeout to ping back (go-ethereum
     * does the same).
     */
    private CompletableFuture<Void> ensureBond(DiscoveredNode node) {
        long now = clock.getAsLong();
        String ip = node.endpoint().ip().getHostAddress();
        if (bonds.hasOurPong(node.id(), ip, now) && bonds.isVerified(node.id(), ip, now)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> bonded = new CompletableFuture<>();
        ping(node)
                .whenComplete(
                        (pong, error) -> {
                            if (error != null) {
                                bonded.completeExceptionally(error);
                            } else if (bonds.hasOurPong(node.id(), ip, clock.getAsLong())) {
                                bonded.complete(null);
                            } else {
                                awaitingTheirPing
                                        .computeIfAbsent(node.id(), id -> new ArrayList<>())
                                        .add(() -> bonded.complete(null));
                                loop.schedule(
                                        () -> {
                                            awaitingTheirPing.remove(node.id());
                                            bonded.complete(null);
                                        },
                                        settings.requestTimeout().toMillis(),
                                        TimeUnit.MILLISECONDS);
                            }
                        });
        return bonded;
    }

    private CompletableFuture<List<DiscoveredNode>> findNode(
            DiscoveredNode node, byte[] targetKey) {
        // queries to one node wait for each other: one Neighbors collection per node at a time
        CompletableFuture<?> previous =
                finds.getOrDefault(node.id(), CompletableFuture.completedFuture(null));
        CompletableFuture<List<DiscoveredNode>> result =
                previous.handle((ignored, error) -> null)
                        .thenCompose(ignored -> ensureBond(node))
                        .thenCompose(
                                ignored -> {
                                    CompletableFuture<List<Packet.NodeEntry>> reply =
                                            pending.expectNeighbors(node);
                                    send(
                                            node.endpoint().udpAddress(),
                                            new Packet.FindNode(targetKey, expiration()));
                                    return reply;
                                })
                        .thenApply(
                                entries ->
                                        entries.stream()
                                                .filter(this::usable)
                                                .map(
                                                        e ->
                                                                DiscoveredNode.of(
                                                                        e.publicKey(),
                                                                        e.endpoint()))
                                                .toList());
        finds.put(node.id(), result);
        result.whenComplete((found, error) -> finds.remove(node.id(), result));
        return result;
    }

    private void step(
            Lookup lookup, byte[] targetKey, CompletableFuture<List<DiscoveredNode>> done) {
        if (closed) {
            done.complete(lookup.result());
            return;
        }
        for (DiscoveredNode node : lookup.next()) {
            findNode(node, targetKey)
                    .whenComplete(
                            (found, error) -> {
                                if (error != null) {
                                    lookup.failed(node);
                                } else {
                                    lookup.answered(node, found);
                                }
                                step(lookup, targetKey, done);
                            });
        }
        if (lookup.isDone() && !done.isDone()) {
            lookups++;
            publishStats();
            done.complete(lookup.result());
        }
    }

    private void answerFindNode(Packet.FindNode find, InetSocketAddress to) {
        Hash target = Keccak256.hashOf(find.target());
        InetAddress requester = to.getAddress();
        List<Packet.NodeEntry> closest =
                table.closest(target, K).stream()
                        .filter(n -> relayable(n.endpoint().ip(), requester))
                        .map(n -> new Packet.NodeEntry(n.endpoint(), n.publicKey()))
                        .toList();
        for (int i = 0; i < closest.size() || i == 0; i += PacketCodec.MAX_NEIGHBORS_SENT) {
            List<Packet.NodeEntry> chunk =
                    closest.subList(
                            i, Math.min(closest.size(), i + PacketCodec.MAX_NEIGHBORS_SENT));
            send(to, new Packet.Neighbors(chunk, expiration()));
            if (closest.isEmpty()) {
                break;
            }
        }
    }

    /** Loopback addresses go only to loopback requesters, private ones not to public ones. */
    private static boolean relayable(InetAddress node, InetAddress requester) {
        if (node.isLoopbackAddress()) {
            return requester.isLoopbackAddress();
        }
        if (node.isSiteLocalAddress() || node.isLinkLocalAddress()) {
            return requester.isLoopbackAddress()
                    || requester.isSiteLocalAddress()
                    || requester.isLinkLocalAddress();
        }
        return true;
    }

    private boolean usable(Packet.NodeEntry entry) {
        Endpoint e = entry.endpoint();
        return e.udpPort() != 0
                && !e.ip().isAnyLocalAddress()
                && !e.ip().isMulticastAddress()
                && !Keccak256.hashOf(entry.publicKey()).equals(self);
    }

    private CompletableFuture<Void> bootstrap() {
        List<CompletableFuture<?>> pings = new ArrayList<>();
        for (DiscoveredNode boot : bootnodes) {
            pings.add(ping(boot).handle((pong, error) -> null));
        }
        return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new));
    }

    private void revalidate() {
        long now = clock.getAsLong();
        table.revalidationCandidate(now - settings.revalidateInterval().toMillis(), random)
                .ifPresent(
                        node -> {
                            if (!pinging.containsKey(node.id())) {
                                ping(node)
                                        .whenComplete(
                                                (pong, error) -> {
                                                    if (error != null) {
                                                        table.failed(node.id());
                                                    } else {
                                                        table.revalidated(
                                                                node.id(), clock.getAsLong());
                                                    }
                                                });
                            }
                        });
        local.refresh();
        publishStats();
    }

    private void refresh() {
        if (table.size() == 0) {
            bootstrap().thenRun(() -> lookup(key.nodeId()));
        } else {
            lookupRandom();
        }
    }

    private byte[] send(InetSocketAddress to, Packet packet) {
        byte[] datagram = PacketCodec.encode(packet, key.privateKey());
        sender.send(to, datagram);
        byte[] hash = new byte[32];
        System.arraycopy(datagram, 0, hash, 0, 32);
        return hash;
    }

    private long expiration() {
        return clock.getAsLong() / 1000 + settings.packetLifetime().toSeconds();
    }

    private void publishStats() {
        stats =
                new Discv4Stats(
                        table.size(),
                        received,
                        malformed,
                        rateLimited,
                        expired,
                        unsolicited,
                        lookups);
    }

    private static List<DiscoveredNode> resolve(List<Enode> urls) {
        List<DiscoveredNode> nodes = new ArrayList<>();
        for (Enode enode : urls) {
            try {
                InetAddress ip = InetAddress.getByName(enode.host());
                nodes.add(
                        DiscoveredNode.of(
                                enode.nodeId(),
                                new Endpoint(ip, enode.discoveryPort(), enode.tcpPort())));
            } catch (UnknownHostException e) {
                LOG.warn("bootnode {} does not resolve: {}", enode, e.getMessage());
            }
        }
        return nodes;
    }
}
