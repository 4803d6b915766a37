package io.annals.sync.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.SyncChildren;
import io.annals.sync.SyncSettings;
import io.annals.sync.SyncStats;
import io.annals.sync.SyncSupervisor;
import io.annals.sync.testing.FakePeerLink;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import io.annals.sync.write.SyncStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;

/**
 * The whole engine following a growing chain in virtual time: the real supervisor with the standard
 * children (scheduler, writer over a real LevelDB store, chain guard, head tracker, peer actors),
 * and scripted peer links whose answers and growth run on the simulation's scheduler. A new block
 * is born every block time and each peer reveals it after its own delay, announcing it (or not) as
 * its mode says; nothing else tells the engine. After every step of virtual time the store is read:
 * when each block became durable, and that the store only ever grows one run from the bottom
 * (blocks stored in order, the contiguous head never falling).
 */
final class FollowSimulation implements AutoCloseable {

    /** Virtual time between two looks at the store. */
    static final Duration STEP = Duration.ofMillis(50);

    /** Each peer's answers take this long. */
    static final Duration LATENCY = Duration.ofMillis(30);

    private final SimulationSystem sim;
    private final HistoryStore store;
    private final TestChain chain;
    private final Duration blockTime;
    private final List<Peer> peers = new ArrayList<>();
    private final Map<Long, Long> firstServedAt = new TreeMap<>();
    private final Map<Long, Long> storedAt = new TreeMap<>();
    private final List<String> disorder = new ArrayList<>();
    private final SimulationSystem.Inbox<SyncStats> statsInbox;
    private ActorRef<SyncSupervisor.Command> sync;
    private long born;
    private long lastContiguous;

    /** A scripted peer and how long after a block's birth it serves the block. */
    private record Peer(FakePeerLink link, Duration revealDelay) {}

    /**
     * A store holding {@code chain} up to {@code head}; the chain must be long enough for every
     * block the run makes.
     */
    FollowSimulation(Path folder, TestChain chain, long head, Duration blockTime) {
        Config overrides =
                ConfigFactory.parseString(
                        "annals.sync.writer.dispatcher.executor ="
                                + " \"io.annals.sync.scenario.DeterministicExecutorConfigurator\"\n"
                                + "annals.sync.head.block-time = "
                                + blockTime.toMillis()
                                + "ms");
        this.sim = new SimulationSystem("follow", overrides);
        this.store = StoreFixture.filled(folder, chain, 0, head);
        this.chain = chain;
        this.blockTime = blockTime;
        this.born = head;
        this.lastContiguous = head;
        this.statsInbox = sim.inbox("sync-stats");
    }

    /** A peer serving the chain up to the current head, revealing each new block after a delay. */
    FakePeerLink addPeer(String id, FakePeerLink.Announcing mode, Duration revealDelay) {
        FakePeerLink link =
                new FakePeerLink(id, chain, born, peers.size() + 1)
                        .slow(LATENCY)
                        .announcing(mode)
                        .answeringThrough(
                                (delay, answer) ->
                                        sim.system()
                                                .scheduler()
                                                .scheduleOnce(
                                                        Duration.ofMillis(delay),
                                                        answer,
                                                        sim.system().executionContext()));
        peers.add(new Peer(link, revealDelay));
        return link;
    }

    /** Starts the engine with the module's defaults and connects every peer. */
    void start() {
        SyncSettings settings = SyncSettings.fromConfig(sim.system().settings().config());
        sync =
                sim.spawn(
                        SyncSupervisor.create(
                                settings, sim::now, SyncChildren.standard(SyncStore.of(store))),
                        "sync",
                        Props.empty());
        peers.forEach(peer -> sync.tell(new SyncSupervisor.PeerReady(peer.link())));
        sim.drain();
    }

    /** Runs until the engine follows, for at most {@code max}. */
    void awaitFollowing(Duration max) {
        long until = sim.now() + max.toMillis();
        while (sim.now() < until && stats().mode() != io.annals.sync.model.SyncMode.FOLLOW) {
            step();
        }
    }

    /**
     * Makes {@code blocks} new blocks, one per block time, then runs on for {@code settle}; each
     * peer serves a block its reveal delay after its birth.
     */
    void grow(int blocks, Duration settle) {
        for (int i = 0; i < blocks; i++) {
            long next = ++born;
            for (Peer peer : peers) {
                sim.system()
                        .scheduler()
                        .scheduleOnce(
                                peer.revealDelay(),
                                () -> {
                                    firstServedAt.putIfAbsent(next, sim.now());
                                    peer.link().growTo(next);
                                },
                                sim.system().executionContext());
            }
            run(blockTime);
        }
        run(settle);
    }

    /** Advances virtual time by {@code duration}, looking at the store after every step. */
    void run(Duration duration) {
        long until = sim.now() + duration.toMillis();
        while (sim.now() < until) {
            step();
        }
    }

    private void step() {
        sim.advance(STEP);
        long contiguous = store.contiguousHead().orElse(-1);
        if (contiguous < lastContiguous) {
            disorder.add("contiguous head fell from " + lastContiguous + " to " + contiguous);
        }
        List<BlockRange> runs = store.presentRanges();
        if (runs.size() != 1) {
            disorder.add("at " + sim.now() + " ms the store held " + runs);
        }
        for (long n = lastContiguous + 1; n <= contiguous; n++) {
            storedAt.put(n, sim.now());
        }
        lastContiguous = Math.max(lastContiguous, contiguous);
    }

    SyncStats stats() {
        return statsInbox.ask(sim, sync, SyncSupervisor.GetSyncStats::new);
    }

    /** The newest block born. */
    long born() {
        return born;
    }

    long contiguousHead() {
        return store.contiguousHead().orElse(-1);
    }

    HistoryStore store() {
        return store;
    }

    /** What broke the order the store must grow in; empty when nothing did. */
    List<String> disorder() {
        return List.copyOf(disorder);
    }

    /**
     * For each new block that was stored, the virtual time from the first peer serving it to the
     * store holding it (to within a step).
     */
    Map<Long, Long> tipLagMillis() {
        Map<Long, Long> lags = new TreeMap<>();
        storedAt.forEach(
                (block, at) -> {
                    Long served = firstServedAt.get(block);
                    if (served != null) {
                        lags.put(block, at - served);
                    }
                });
        return lags;
    }

    /** Header requests every peer answered, in total. */
    long headerRequests() {
        return peers.stream().mapToLong(peer -> peer.link().headerRequests()).sum();
    }

    @Override
    public void close() {
        try {
            sim.close();
        } finally {
            store.close();
        }
    }
}
