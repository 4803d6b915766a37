package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetSettings;
import io.annals.node.service.AnnalsNode;
import io.annals.sync.SyncStats;
import io.annals.sync.model.SyncMode;
import io.annals.sync.model.SyncStalled;
import io.annals.sync.scheduler.SchedulerStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation-deadlock analysis's scenario over the real network: a node following the head of
 * 28 devnet peers, when the 12 newest blocks are announced by every peer but served by none (bodies
 * and receipts answered empty) until they are {@link #MISSING} old.
 *
 * <p>With the follow settings (here a 1 s cap on the per-(block, peer) backoff, and empty answers
 * near the head counted as "not yet available") the node stores the blocks once they are served,
 * and while it waits no block is ever more than the cap away from its next try (how soon, in
 * virtual time, is {@code TipStallScenarioTest}'s to prove; here nothing is timed). With the
 * historical settings forced into follow mode (a 128 s cap, and every empty answer a failure) the
 * same scenario is the bug: by the time the blocks are served, every peer is locked out of every
 * one of them for longer than the follow settings needed in all, and the scheduler's SyncStalled
 * report says so, in the stats and on {@code /health} (503). Times are scaled down through
 * configuration (stall threshold 3 s); the caps keep their ratio (1 s against 128 s).
 */
class TipStallTest {
    private static final Logger LOG = LoggerFactory.getLogger(TipStallTest.class);
    private static final int PEERS = 28;
    private static final int TIP = 12;
    private static final long HEAD = 150;
    private static final Duration MISSING = Duration.ofSeconds(17);
    private static final Duration FOLLOW_CAP = Duration.ofSeconds(1);

    /** How long the follow settings take at most to catch up, in virtual time, with slack. */
    private static final Duration CATCH_UP_BOUND = FOLLOW_CAP.multipliedBy(5).plusSeconds(5);

    private static final String FOLLOW_SETTINGS =
            "annals.sync.follow { max-block-backoff = "
                    + FOLLOW_CAP.toMillis()
                    + "ms, peer-backoff-max = 1s, not-yet-available-retry = 500ms, stall-threshold = 3s }";
    private static final String HISTORICAL_CAPS_IN_FOLLOW_MODE =
            "annals.sync.follow = ${annals.sync.historical} { stall-threshold = 3s }";

    @TempDir Path dir;

    @Test
    void withTheFollowSettingsTheNodeHasTheTipBlocksSoonAfterTheyAppear() throws Exception {
        try (Devnet devnet = Devnet.create(devnet());
                AnnalsNode node = following(devnet, dir.resolve("follow"), FOLLOW_SETTINGS)) {
            long produced = System.nanoTime();
            devnet.advance(TIP);
            long appeared = produced + MISSING.toNanos();

            SyncStats caughtUp =
                    TestNetwork.await(
                            node,
                            MISSING.plusSeconds(60),
                            stats -> TestNetwork.head(stats) >= HEAD + TIP,
                            "caught up with the tip");
            Duration afterAppearing = Duration.ofNanos(System.nanoTime() - appeared);
            LOG.info(
                    "follow settings: the {} tip blocks stored {} ms after they appeared at every peer (cap {}, "
                            + "bound {}); stall reports meanwhile: {}",
                    TIP,
                    afterAppearing.toMillis(),
                    FOLLOW_CAP,
                    CATCH_UP_BOUND,
                    caughtUp.scheduler()
                            .flatMap(SchedulerStats::lastStall)
                            .map(SyncStalled::toLogLine)
                            .orElse("none"));

            assertThat(caughtUp.failure()).isEmpty();
            assertThat(caughtUp.mode()).isEqualTo(SyncMode.FOLLOW);
            caughtUp.scheduler()
                    .flatMap(SchedulerStats::lastStall)
                    .ifPresent(
                            report ->
                                    assertThat(report.escalatedBlocks())
                                            .as(
                                                    "while the tip waited, no block was locked out past the cap")
                                            .allSatisfy(
                                                    block ->
                                                            assertThat(
                                                                            block
                                                                                            .earliestRetryMillis()
                                                                                    - report
                                                                                            .atMillis())
                                                                    .isLessThanOrEqualTo(
                                                                            FOLLOW_CAP
                                                                                    .toMillis())));
            SyncStats settled =
                    TestNetwork.await(
                            node,
                            Duration.ofSeconds(30),
                            stats ->
                                    stats.scheduler()
                                            .map(s -> s.stalledFor().isZero())
                                            .orElse(false),
                            "out of the stall");
            assertThat(settled.scheduler().orElseThrow().escalation()).isZero();
            assertThat(health(node).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withHistoricalCapsInFollowModeEveryPeerIsLockedOutAndTheStallIsReported()
            throws Exception {
        try (Devnet devnet = Devnet.create(devnet());
                AnnalsNode node =
                        following(
                                devnet,
                                dir.resolve("historical-caps"),
                                HISTORICAL_CAPS_IN_FOLLOW_MODE)) {
            long produced = System.nanoTime();
            devnet.advance(TIP);
            long appearedMillis = (produced + MISSING.toNanos()) / 1_000_000;

            SyncStats stalled =
                    TestNetwork.await(
                            node,
                            MISSING.plusSeconds(60),
                            stats ->
                                    stats.scheduler()
                                            .flatMap(SchedulerStats::lastStall)
                                            .filter(report -> report.atMillis() >= appearedMillis)
                                            .isPresent(),
                            "reporting a stall after the tip blocks appeared");
            SchedulerStats scheduler = stalled.scheduler().orElseThrow();
            SyncStalled report = scheduler.lastStall().orElseThrow();
            LOG.info(
                    "historical caps in follow mode, {} ms after the tip blocks appeared: {}",
                    report.atMillis() - appearedMillis,
                    report.toLogLine());

            assertThat(scheduler.mode()).isEqualTo(SyncMode.FOLLOW);
            assertThat(scheduler.maxBlockBackoff()).isEqualTo(Duration.ofSeconds(128));
            assertThat(TestNetwork.head(stalled))
                    .as("the tip is not stored")
                    .isLessThan(HEAD + TIP);
            assertThat(report.escalatedBlocks())
                    .as("the tip blocks failed at peer after peer")
                    .isNotEmpty();
            assertThat(report.escalatedBlocks())
                    .allSatisfy(
                            block -> {
                                assertThat(block.block()).isBetween(HEAD + 1, HEAD + TIP);
                                assertThat(block.earliestRetryMillis() - appearedMillis)
                                        .as(
                                                "block %d may go to a peer only after the follow settings had caught up",
                                                block.block())
                                        .isGreaterThan(CATCH_UP_BOUND.toMillis());
                            });
            assertThat(report.peers()).hasSize(PEERS);

            HttpResponse<String> health = health(node);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body())
                    .contains(
                            "\"stalled\":true",
                            "sync stalled for",
                            "escalated [",
                            "\"escalatedBlocks\"");
        }
    }

    /**
     * 28 peers at head 150, every one withholding the bodies and receipts of its 12 newest blocks
     * until they are old.
     */
    private static DevnetSettings devnet() {
        return TestNetwork.devnet(
                PEERS,
                HEAD,
                "seed = 12, "
                        + TestNetwork.SMALL_SHAPE
                        + ", faults = [ { peers = all, missing-tip { depth = "
                        + TIP
                        + ", duration = "
                        + MISSING.toSeconds()
                        + "s } } ]");
    }

    /** A node synced to the devnet's head and following it. */
    private static AnnalsNode following(Devnet devnet, Path data, String settings) {
        devnet.start();
        AnnalsNode node =
                TestNetwork.startNode(
                        TestNetwork.nodeConfig(
                                devnet,
                                data,
                                settings + "\nannals.sync.historical.stall-threshold = 3s"));
        TestNetwork.await(
                node,
                Duration.ofSeconds(60),
                stats -> stats.mode() == SyncMode.FOLLOW && TestNetwork.head(stats) >= HEAD,
                "following at " + HEAD);
        return node;
    }

    private static HttpResponse<String> health(AnnalsNode node) throws Exception {
        var address = node.rpcAddress().orElseThrow();
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + address.getPort()
                                                        + "/health"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static Optional<SyncStalled> lastStall(SyncStats stats) {
        return stats.scheduler().flatMap(SchedulerStats::lastStall);
    }
}
