package io.annals.sync.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.sync.chain.Checkpoints;
import io.annals.sync.model.PeerId;
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
            new WriterSettings(1_000, 64L << 20, 50, Duration.ofSeconds(30), Checkpoints.NONE);

    @TempDir Path folder;

    private final TestProbe<Writer.Event> events = kit.createTestProbe();

    @BeforeAll
    static void startUp() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    private ActorRef<Writer.Command> writer(SyncStore store, WriterSettings settings) {
        ActorRef<Writer.Command> writer = kit.spawn(Writer.create(store, settings));
        writer.tell(new Writer.Subscribe(events.ref()));
        return writer;
    }

    /** The next event of {@code type}, skipping the contiguous head reported after each write. */
    private <T extends Writer.Event> T next(Class<T> type) {
        Writer.Event event = events.receiveMessage(WAIT);
        while (event instanceof Writer.StoredUpTo && type != Writer.StoredUpTo.class) {
            event = events.receiveMessage(WAIT);
        }
        assertThat(event).isInstanceOf(type);
        return type.cast(event);
    }

    private static List<ValidatedBlock> validated(List<FullBlock> blocks) {
        return blocks.stream().map(block -> new ValidatedBlock(block, 1_000)).toList();
    }

    private WriterStats stats(ActorRef<Writer.Command> writer) {
        TestProbe<WriterStats> probe = kit.createTestProbe();
        writer.tell(new Writer.GetStats(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    /** Collects stored blocks until {@code count} blocks are announced durable. */
    private List<Long> persisted(int count) {
        List<Long> blocks = new ArrayList<>();
        while (blocks.size() < count) {
            blocks.addAll(next(Writer.BlocksStored.class).blocks());
        }
        return blocks;
    }

    @Test
    void blocksFromSeveralPeersAreWrittenInBatchesAndAcknowledged() {
        try (HistoryStore store = StoreFixture.open(folder, CHAIN)) {
            ActorRef<Writer.Command> writer = writer(SyncStore.of(store), FIFTY_PER_WRITE);
            writer.tell(new Writer.Store(A, 0, validated(CHAIN.blocks(0, 29))));
            writer.tell(new Writer.Store(B, 0, validated(CHAIN.blocks(30, 69))));
            writer.tell(new Writer.Store(A, 0, validated(CHAIN.blocks(70, 99))));
            assertThat(new TreeSet<>(persisted(100)))
                    .containsExactlyElementsOf(io.annals.store.BlockRange.of(0, 99).blocks());
            WriterStats stats = stats(writer);
            assertThat(stats.writes()).as("100 blocks, 50 per write").isEqualTo(2);
            assertThat(stats.persisted()).isEqualTo(100);
            assertThat(stats.written()).isEqualTo(100);
            assertThat(stats.queued()).isZero();
            assertThat(stats.contiguousHead()).hasValue(99);
            assertThat(store.contiguousHead()).hasValue(99);
            assertThat(store.verify().problems()).isEmpty();
            events.fishForMessage(
                    WAIT,
                    message ->
                            message.equals(
                                            new Writer.StoredUpTo(
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
                            new WriterSettings(
                                    1_000, 64L << 20, 20, Duration.ofMillis(20), Checkpoints.NONE));
            writer.tell(new Writer.Store(A, 0, validated(CHAIN.blocks(0, 19))));
            persisted(20);
            writer.tell(new Writer.Store(B, 0, validated(CHAIN.blocks(10, 29))));
            assertThat(persisted(20))
                    .containsExactlyElementsOf(io.annals.store.BlockRange.of(10, 29).blocks());
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
                            new WriterSettings(
                                    1_000, 64L << 20, 20, Duration.ofMillis(20), Checkpoints.NONE));
            // block 100 of another chain does not name block 99 as its parent; block 50 of it is
            // not ours
            writer.tell(
                    new Writer.Store(B, 0, validated(List.of(OTHER.block(100), OTHER.block(50)))));
            Writer.BlocksRefused refused = next(Writer.BlocksRefused.class);
            assertThat(refused.refusals()).extracting(Writer.Refusal::peer).containsOnly(B);
            assertThat(refused.refusals())
                    .extracting(Writer.Refusal::block)
                    .containsExactly(50L, 100L);
            assertThat(refused.refusals())
                    .as("block 50 contradicts a stored block: a conflict to judge")
                    .anySatisfy(refusal -> assertThat(refusal.conflict()).isPresent());
            assertThat(store.isPresent(100)).isFalse();
            assertThat(store.canonicalHash(50)).contains(CHAIN.block(50).hash());
            // our block 100 links to the stored 99 and goes in
            writer.tell(new Writer.Store(A, 0, validated(List.of(CHAIN.block(100)))));
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
                            new WriterSettings(
                                    1_000, 64L << 20, 50, Duration.ofMillis(20), Checkpoints.NONE));
            writer.tell(
                    new Writer.AddRollbackListener(
                            (ancestor, dropped) -> heard.add(ancestor + ":" + dropped)));
            writer.tell(new Writer.Store(A, 0, validated(CHAIN.blocks(0, 49))));
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

            Writer.RolledBack rolledBack = next(Writer.RolledBack.class);
            assertThat(rolledBack.epoch()).as("first, the new epoch").isEqualTo(1);
            assertThat(List.of(rolledBack.first(), rolledBack.last()))
                    .as("and the range dropped")
                    .containsExactly(45L, 49L);
            assertThat(persisted(5)).containsExactly(45L, 46L, 47L, 48L, 49L);
            Writer.BlocksRefused refused = next(Writer.BlocksRefused.class);
            assertThat(refused.refusals()).hasSize(1);
            assertThat(refused.refusals().get(0).peer()).isEqualTo(A);
            assertThat(refused.refusals().get(0).block()).isEqualTo(50L);

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
            writer.tell(new Writer.Store(A, 0, validated(CHAIN.blocks(0, 49))));
            assertThat(persisted(50)).hasSize(50);
            writer.tell(new Writer.Store(A, 0, validated(CHAIN.blocks(50, 99))));
            Writer.Failed failed = next(Writer.Failed.class);
            assertThat(failed.reason()).contains("disk full");
            writer.tell(new Writer.Store(B, 0, validated(CHAIN.blocks(100, 149))));
            WriterStats stats = stats(writer);
            assertThat(stats.failure())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("disk full"));
            assertThat(stats.persisted()).isEqualTo(50);
            assertThat(stats.dropped()).as("refused after the failure").isEqualTo(50);
            // the stats answer came after the writer handled the refused Store: an event it caused
            // would be queued already, so an empty queue now proves there was none
            events.expectNoMessage(Duration.ZERO);
            assertThat(store.contiguousHead()).hasValue(49);
            assertThat(store.verify().problems()).isEmpty();
        }
    }
}
