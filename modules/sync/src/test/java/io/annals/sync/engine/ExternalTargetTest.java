package io.annals.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.SyncChildren;
import io.annals.sync.SyncStats;
import io.annals.sync.SyncSupervisor;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.testing.FakePeerLink;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import io.annals.sync.write.SyncStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the target owned outside the engine ({@link SyncChildren#externalTarget}) the head tracker
 * only tracks heads: the engine fetches exactly the ranges it is given through the scheduler's
 * gateway, stops fetching what is withdrawn, switches modes when told, and tells a watcher every
 * rise of the network head.
 */
class ExternalTargetTest {

    @TempDir Path folder;

    private static void awaitHead(TestProbe<HeadTracker.HeadMoved> heads, long head) {
        heads.fishForMessage(
                Duration.ofSeconds(30),
                moved ->
                        moved.networkHead() == head
                                ? FishingOutcomes.complete()
                                : FishingOutcomes.continueAndIgnore());
    }

    @Test
    void theEngineSyncsExactlyTheRangesItIsGivenAndReportsTheHead() {
        TestChain chain = TestChain.of(71, 1_000, 2);
        List<FakePeerLink> peers =
                List.of(
                        new FakePeerLink("a", chain, 600, 1),
                        new FakePeerLink("b", chain, 600, 2),
                        new FakePeerLink("c", chain, 600, 3));
        try (HistoryStore store = StoreFixture.open(folder, chain);
                EngineRun run =
                        new EngineRun(
                                "external",
                                SyncStore.of(store),
                                SyncChildren.externalTarget(SyncStore.of(store)),
                                "")) {
            TestProbe<HeadTracker.HeadMoved> heads = run.kit.createTestProbe();
            run.sync.tell(new SyncSupervisor.WatchHead(heads.ref()));
            peers.forEach(run::connect);
            awaitHead(heads, 600);
            SyncStats known = run.stats();
            assertThat(known.head().orElseThrow().targetThrough())
                    .as("the tracker planned no target of its own")
                    .isEqualTo(-1);

            TestProbe<ActorRef<Scheduler.Command>> gatewayProbe = run.kit.createTestProbe();
            run.sync.tell(new SyncSupervisor.GetScheduler(gatewayProbe.ref()));
            ActorRef<Scheduler.Command> gateway = gatewayProbe.receiveMessage();
            gateway.tell(new Scheduler.AddRange(BlockRange.of(100, 199)));
            gateway.tell(new Scheduler.AddRange(BlockRange.of(400, 449)));
            SyncStats done =
                    run.awaitStats(
                            Duration.ofSeconds(30),
                            stats ->
                                    stats.writer().orElseThrow().persisted() == 150
                                            && stats.scheduler().orElseThrow().queue() == 0
                                            && stats.scheduler().orElseThrow().inflight() == 0,
                            "the two ranges stored");
            assertThat(store.presentRanges())
                    .as("exactly what was given, nothing of the head tracker's own")
                    .containsExactly(BlockRange.of(100, 199), BlockRange.of(400, 449));
            assertThat(done.mode()).isEqualTo(SyncMode.HISTORICAL);

            TestProbe<SyncSupervisor.ModeSwitched> switched = run.kit.createTestProbe();
            run.sync.tell(new SyncSupervisor.SwitchMode(SyncMode.FOLLOW, switched.ref()));
            switched.expectMessage(new SyncSupervisor.ModeSwitched(SyncMode.FOLLOW));
            gateway.tell(new Scheduler.AddRange(BlockRange.of(590, 600)));
            run.awaitStats(
                    Duration.ofSeconds(30),
                    stats -> stats.writer().orElseThrow().persisted() == 161,
                    "the tip range stored in follow mode");
            peers.forEach(peer -> peer.growTo(650));
            awaitHead(heads, 650);
            SyncStats end = run.stats();
            assertThat(end.mode()).isEqualTo(SyncMode.FOLLOW);
            assertThat(end.scheduler().orElseThrow().queue())
                    .as("a higher head adds nothing by itself")
                    .isZero();
            assertThat(store.presentRanges())
                    .containsExactly(
                            BlockRange.of(100, 199),
                            BlockRange.of(400, 449),
                            BlockRange.of(590, 600));

            TestProbe<HeadTracker.HeadMoved> late = run.kit.createTestProbe();
            run.sync.tell(new SyncSupervisor.WatchHead(late.ref()));
            assertThat(late.receiveMessage().networkHead())
                    .as("a watcher that comes late hears the head known so far")
                    .isEqualTo(650);
        }
    }
}
