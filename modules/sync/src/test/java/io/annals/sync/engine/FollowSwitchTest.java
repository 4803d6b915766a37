package io.annals.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.HistoryStore;
import io.annals.sync.SyncStats;
import io.annals.sync.head.HeadStats;
import io.annals.sync.mailbox.MailboxDepths;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.SchedulerStats;
import io.annals.sync.testing.FakePeerLink;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import io.annals.sync.write.SyncStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Historical sync reaches its target (the head minus the 64-block rollback window), the engine
 * switches to follow mode with the follow cap, fetches the tip, and keeps fetching new blocks as
 * the peers' head grows, so the store's tip advances without gaps.
 */
class FollowSwitchTest {

    @TempDir Path folder;

    @Test
    void theHistoricalTargetReachedSwitchesToFollowAndTheTipAdvancesAsTheHeadGrows() {
        TestChain chain = TestChain.of(51, 1_000, 2);
        List<FakePeerLink> peers =
                List.of(
                        new FakePeerLink("a", chain, 600, 1),
                        new FakePeerLink("b", chain, 600, 2),
                        new FakePeerLink("c", chain, 600, 3));
        try (HistoryStore store = StoreFixture.open(folder, chain);
                EngineRun run = new EngineRun("follow", SyncStore.of(store))) {
            peers.forEach(run::connect);
            SyncStats atTip =
                    run.awaitStats(
                            Duration.ofSeconds(30),
                            stats ->
                                    stats.mode() == SyncMode.FOLLOW
                                            && EngineRun.contiguousHead(stats) == 600,
                            "following at 600");
            SchedulerStats scheduler = atTip.scheduler().orElseThrow();
            assertThat(scheduler.mode()).isEqualTo(SyncMode.FOLLOW);
            assertThat(scheduler.maxBlockBackoff())
                    .as("the follow cap")
                    .isEqualTo(Duration.ofSeconds(5));
            HeadStats head = atTip.head().orElseThrow();
            assertThat(head.mode()).isEqualTo(SyncMode.FOLLOW);
            assertThat(head.networkHead()).isEqualTo(600);
            assertThat(head.targetThrough()).isEqualTo(600);

            for (long newHead : new long[] {700, 850, 999}) {
                peers.forEach(peer -> peer.growTo(newHead));
                run.awaitContiguousHead(newHead, Duration.ofSeconds(30));
                assertThat(store.presentRanges()).as("no gap below the tip").hasSize(1);
            }
            SyncStats end = run.stats();
            assertThat(MailboxDepths.get(run.kit.system()).depthOf(run.sync.path().child("writer")))
                    .as("the writer's mailbox is metered, so stall reports show its depth")
                    .isPresent();
            assertThat(end.networkHead()).isEqualTo(999);
            assertThat(end.lag()).isZero();
            assertThat(end.head().orElseThrow().provenHead())
                    .as("proven by the peers' first probes at least")
                    .isGreaterThanOrEqualTo(600);
        }
        try (HistoryStore store = StoreFixture.open(folder, chain)) {
            assertThat(store.verify().problems()).isEmpty();
            assertThat(store.canonicalHash(999)).contains(chain.block(999).hash());
        }
    }
}
