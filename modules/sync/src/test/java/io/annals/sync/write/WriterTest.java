package io.annals.sync.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.sync.PeerId;
import io.annals.sync.Scheduler;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer over a real LevelDB store: batching, acknowledgements, idempotence, refusals, failure.
 */
class WriterTest {

    private static ActorTestKit kit;
    private static final TestChain CHAIN = TestChain.of(11, 200, 3);
    private static final TestChain OTHER = TestChain.of(12, 200, 3);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PeerId A = PeerId.of("a");
    private static final PeerId B = PeerId.of("b");

    /** A write holds 50 blocks; the time bound is far off, so the count alone cuts batches. */
    private static final WriterSettings FIFTY_PER_WRITE =
            new WriterSettings(1_000, 64L << 20, 50, Duration.ofSeconds(30));

    @TempDir Path folder;

    private final TestProbe<Scheduler.Command> scheduler = kit.createTestProbe();
    private final TestProbe<HeadTracker.Command> heads = kit.createTestProbe();
    private final TestProbe<Writer.Failed> failures = kit.createTestProbe();

    @BeforeAll
    static void startUp() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    private ActorRef<Writer.Command> writer(SyncStore store, WriterSettings settings) {
        return kit.spawn(
                Writer.create(
                        store,
                        settings,
                        new Writer.Wiring(scheduler.ref(), heads.ref(), failures.ref())));
    }

    private static List<ValidatedBlock> validated(List<FullBlock> blocks) {
        return blocks.stream().map(block -> new ValidatedBlock(block, 1_000)).toList();
    }

    private WriterStats stats(ActorRef<Writer.Command> writer) {
        TestProbe<WriterStats> probe = kit.createTestProbe();
        writer.tell(new Writer.GetStats(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    /** Collects Persisted acks until {@code count} blocks are acknowledged. */
    private List<Long> persisted(int count) {
        List<Long> blocks = new ArrayList<>();
        while (blocks.size() < count) {
            Scheduler.Command message = scheduler.receiveMessage(WAIT);
            assertThat(message).isInstanceOf(Scheduler.Persisted.class);
            blocks.addAll(((Scheduler.Persisted) message).blocks());
        }
        return blocks;
    }

    @Test
    void blocksFromSeveralPeersAreWrittenInBatchesAndAcknowledged() {
        try (HistoryStore store = StoreFixture.open(folder, CHAIN)) {
            ActorRef<Writer.Command> writer = writer(SyncStore.of(store), FIFTY_PER_WRITE);
            writer.tell(new Writer.Store(A, validated(CHAIN.blocks(0, 29))));
            writer.tell(new Writer.Store(B, validated(CHAIN.blocks(30, 69))));
            writer.tell(new Writer.Store(A, validated(CHAIN.blocks(70, 99))));
            assertThat(new TreeSet<>(persisted(100)))
                    .containsExactlyElementsOf(io.annals.sync.BlockRange.of(0, 99).blocks());
            WriterStats stats = stats(writer);
            assertThat(stats.writes()).as("100 blocks, 50 per write").isEqualTo(2);
            assertThat(stats.persisted()).isEqualTo(100);
            assertThat(stats.written()).isEqualTo(100);
            assertThat(stats.queued()).isZero();
            assertThat(stats.contiguousHead()).hasValue(99);
            assertThat(store.contiguousHead()).hasValue(99);
            assertThat(store.verify().problems()).isEmpty();
            heads.fishForMessage(
                    WAIT,
                    message ->
                            message.equals(
                                            new HeadTracker.StoreAdvanced(
                                                    99,
                                                    java.util.Optional.of(CHAIN.block(99).hash())))
                                    ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes
                                            .complete()
                                    : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes
                                            .continueAndIgnore());
        }
    }

    @Test
    void aBlockDeliveredAgainIsAcknowledgedAndWrittenOnce() {
        try (HistoryStore store = StoreFixture.open(folder, CHAIN)) {
            ActorRef<Writer.Command> writer =
                    writer(
                            SyncStore.of(store),
                            new WriterSettings(1_000, 64L << 20, 20, Duration.ofMillis(20)));
            writer.tell(new Writer.Store(A, validated(CHAIN.blocks(0, 19))));
            persisted(20);
            writer.tell(new Writer.Store(B, validated(CHAIN.blocks(10, 29))));
            assertThat(persisted(20))
                    .containsExactlyElementsOf(io.annals.sync.BlockRange.of(10, 29).blocks());
            WriterStats stats = stats(writer);
            assertThat(stats.persisted()).isEqualTo(40);
            assertThat(stats.written()).as("blocks 10..19 were stored already").isEqualTo(30);
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void blocksThatContradictTheStoredChainAreRefusedAndNeverWritten() {
        try (HistoryStore store = StoreFixture.filled(folder, CHAIN, 0, 99)) {
            ActorRef<Writer.Command> writer =
                    writer(
                            SyncStore.of(store),
                            new WriterSettings(1_000, 64L << 20, 20, Duration.ofMillis(20)));
            // block 100 of another chain does not name block 99 as its parent; block 50 of it is
            // not ours
            writer.tell(new Writer.Store(B, validated(List.of(OTHER.block(100), OTHER.block(50)))));
            Scheduler.Command rejected = scheduler.receiveMessage(WAIT);
            assertThat(rejected).isInstanceOf(Scheduler.Rejected.class);
            assertThat(((Scheduler.Rejected) rejected).peer()).isEqualTo(B);
            assertThat(((Scheduler.Rejected) rejected).blocks()).containsExactly(50L, 100L);
            HeadTracker.Command first = heads.receiveMessage(WAIT);
            assertThat(first).isInstanceOf(HeadTracker.ParentMismatch.class);
            assertThat(store.isPresent(100)).isFalse();
            assertThat(store.canonicalHash(50)).contains(CHAIN.block(50).hash());
            // our block 100 links to the stored 99 and goes in
            writer.tell(new Writer.Store(A, validated(List.of(CHAIN.block(100)))));
            assertThat(persisted(1)).containsExactly(100L);
            assertThat(stats(writer).refused()).isEqualTo(2);
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void aRollbackRunsBetweenTheWritesAroundItAndBlocksFetchedBeforeItAreDropped() {
        TestChain fork = CHAIN.fork(44, 13, 200);
        java.util.NavigableMap<Long, io.annals.core.types.Hash> branch = new java.util.TreeMap<>();
        fork.blocks(45, 49).forEach(block -> branch.put(block.number(), block.hash()));
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HistoryStore store = StoreFixture.open(folder, CHAIN)) {
            ActorRef<Writer.Command> writer =
                    writer(
                            SyncStore.of(store),
                            new WriterSettings(1_000, 64L << 20, 50, Duration.ofMillis(20)));
            writer.tell(
                    new Writer.AddRollbackListener(
                            (ancestor, dropped) -> heard.add(ancestor + ":" + dropped)));
            writer.tell(new Writer.Store(A, validated(CHAIN.blocks(0, 49))));
            assertThat(persisted(50)).hasSize(50);

            writer.tell(
                    new Writer.Rollback(
                            new io.annals.sync.chain.RollbackPlan(
                                    44, 49, true, branch, 64, "a test")));
            writer.tell(
                    new Writer.Store(
                            A, 0, validated(CHAIN.blocks(45, 49)))); // fetched before: stale
            writer.tell(new Writer.Store(B, 1, validated(fork.blocks(45, 49))));
            writer.tell(
                    new Writer.Store(
                            A,
                            1,
                            validated(List.of(CHAIN.block(50))))); // a peer still on the old branch

            assertThat(scheduler.receiveMessage(WAIT))
                    .as("first, the new epoch and the range to fetch again")
                    .isEqualTo(
                            new Scheduler.BranchChanged(
                                    1,
                                    java.util.Optional.of(io.annals.sync.BlockRange.of(45, 49))));
            assertThat(persisted(5)).containsExactly(45L, 46L, 47L, 48L, 49L);
            Scheduler.Command rejected = scheduler.receiveMessage(WAIT);
            assertThat(rejected)
                    .isEqualTo(
                            new Scheduler.Rejected(
                                    A, List.of(50L), "contradicts the stored chain"));

            assertThat(heard)
                    .containsExactly(
                            "44:" + CHAIN.blocks(45, 49).stream().map(FullBlock::hash).toList());
            for (long n = 45; n <= 49; n++) {
                assertThat(store.canonicalHash(n)).contains(fork.block(n).hash());
                assertThat(store.blockNumber(CHAIN.block(n).hash())).isEmpty();
            }
            WriterStats stats = stats(writer);
            assertThat(stats.stale()).isEqualTo(5);
            assertThat(stats.rollbacks()).isEqualTo(1);
            assertThat(stats.rolledBackBlocks()).isEqualTo(5);
            assertThat(stats.epoch()).isEqualTo(1);
            assertThat(stats.refused()).isEqualTo(1);
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void aStoreFailureStopsTheWriterAndKeepsWhatWasAcknowledged() {
        try (HistoryStore store = StoreFixture.open(folder, CHAIN)) {
            SyncStore failingSecondWrite = new FailingStore(SyncStore.of(store), 1);
            ActorRef<Writer.Command> writer = writer(failingSecondWrite, FIFTY_PER_WRITE);
            writer.tell(new Writer.Store(A, validated(CHAIN.blocks(0, 49))));
            assertThat(persisted(50)).hasSize(50);
            writer.tell(new Writer.Store(A, validated(CHAIN.blocks(50, 99))));
            Writer.Failed failed = failures.receiveMessage(WAIT);
            assertThat(failed.reason()).contains("disk full");
            writer.tell(new Writer.Store(B, validated(CHAIN.blocks(100, 149))));
            WriterStats stats = stats(writer);
            assertThat(stats.failure())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("disk full"));
            assertThat(stats.persisted()).isEqualTo(50);
            assertThat(stats.dropped()).as("refused after the failure").isEqualTo(50);
            scheduler.expectNoMessage(Duration.ofMillis(200));
            assertThat(store.contiguousHead()).hasValue(49);
            assertThat(store.verify().problems()).isEmpty();
        }
    }
}
