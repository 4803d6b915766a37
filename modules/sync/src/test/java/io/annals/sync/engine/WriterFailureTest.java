package io.annals.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.HistoryStore;
import io.annals.sync.SyncChildren;
import io.annals.sync.SyncStats;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.testing.FakePeerLink;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import io.annals.sync.write.FailingStore;
import io.annals.sync.write.SyncStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store refuses a write (disk full): sync stops with the error in its stats, its peers are
 * stopped and new ones are not taken, and every block the scheduler was told is durable is in the
 * store when it is opened again.
 */
class WriterFailureTest {

    private static final int BLOCKS = 2_000;

    @TempDir Path folder;

    @Test
    void aStoreFailureStopsSyncVisiblyAndKeepsEveryAcknowledgedBlock() {
        TestChain chain = TestChain.of(41, BLOCKS, 2);
        Set<Long> acknowledged = new ConcurrentSkipListSet<>();
        try (HistoryStore store = StoreFixture.open(folder, chain)) {
            FailingStore failing = new FailingStore(SyncStore.of(store), 3);
            SyncChildren children =
                    SyncChildren.standard(failing)
                            .withScheduler(
                                    (settings, env, predecessor) ->
                                            recordingPersisted(
                                                    acknowledged,
                                                    Scheduler.create(settings, env, predecessor)));
            try (EngineRun run = new EngineRun("failing", failing, children, "")) {
                for (int i = 0; i < 4; i++) {
                    run.connect(new FakePeerLink("peer-" + i, chain, BLOCKS - 1, i));
                }
                SyncStats failed =
                        run.awaitStats(
                                Duration.ofSeconds(30),
                                stats -> stats.failed() && stats.peers() == 0,
                                "sync stopped with its peers");
                assertThat(failed.failure())
                        .hasValueSatisfying(reason -> assertThat(reason).contains("disk full"));
                assertThat(failed.writer().orElseThrow().failure()).isPresent();
                long persisted = failed.persistedBlocks();
                assertThat(persisted).as("three writes went through").isPositive();

                run.connect(new FakePeerLink("late", chain, BLOCKS - 1, 9));
                SyncStats later =
                        run.awaitStats(
                                Duration.ofSeconds(5), stats -> stats.failed(), "still stopped");
                assertThat(later.peers()).as("no new peer is taken").isZero();
                assertThat(later.persistedBlocks()).isEqualTo(persisted);
            }
        }
        try (HistoryStore reopened = StoreFixture.open(folder, chain)) {
            assertThat(acknowledged).isNotEmpty();
            assertThat(acknowledged)
                    .allSatisfy(
                            block ->
                                    assertThat(reopened.isPresent(block))
                                            .as("block %d", block)
                                            .isTrue());
            assertThat(reopened.verify().problems()).isEmpty();
        }
    }

    /** The scheduler, keeping the block numbers of every Persisted it receives. */
    private static Behavior<Scheduler.Command> recordingPersisted(
            Set<Long> acknowledged, Behavior<Scheduler.Command> scheduler) {
        return Behaviors.intercept(
                () ->
                        new BehaviorInterceptor<Scheduler.Command, Scheduler.Command>(
                                Scheduler.Command.class) {
                            @Override
                            public Behavior<Scheduler.Command> aroundReceive(
                                    TypedActorContext<Scheduler.Command> context,
                                    Scheduler.Command message,
                                    ReceiveTarget<Scheduler.Command> target) {
                                if (message instanceof Scheduler.Persisted persisted) {
                                    acknowledged.addAll(persisted.blocks());
                                }
                                return target.apply(context, message);
                            }
                        },
                scheduler);
    }
}
