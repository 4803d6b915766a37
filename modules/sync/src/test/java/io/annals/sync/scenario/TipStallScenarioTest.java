package io.annals.sync.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.sync.TestSettings;
import io.annals.sync.ledger.SchedulerSettings;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncStalled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation deadlock of the analysis, reproduced: 28 peers at the tip, 12 tip blocks that
 * every peer answers empty (or fails) for a while. Historical settings stall visibly; follow
 * settings deliver the blocks within a small multiple of the 5 s cap once they exist.
 */
class TipStallScenarioTest {

    private static final Logger LOG = LoggerFactory.getLogger(TipStallScenarioTest.class);
    private static final long TIP = 1_000;
    private static final long FIRST = TIP - 11;
    private static final int PEERS = 28;
    private static final Duration LATENCY = Duration.ofMillis(100);

    private static void addPeers(Simulation sim, ScriptedPeer.Script script) {
        for (int i = 0; i < PEERS; i++) {
            sim.addPeer(PeerId.of(String.format("p%02d", i)), TIP, script, LATENCY);
        }
    }

    @Test
    void historicalSettingsAtTheTipStallAndTheReportNamesEveryBlockAndPeer() {
        try (Simulation sim =
                Simulation.withScheduler(TestSettings.historical(), Duration.ofMillis(200))) {
            addPeers(sim, (block, now) -> ScriptedPeer.Fate.EMPTY);
            sim.addRange(FIRST, TIP);
            List<SyncStalled> reports = new ArrayList<>();
            sim.advance(
                    Duration.ofMinutes(8),
                    Duration.ofMillis(500),
                    () ->
                            sim.stats()
                                    .lastStall()
                                    .ifPresent(
                                            report -> {
                                                if (reports.isEmpty()
                                                        || reports.get(reports.size() - 1)
                                                                        .atMillis()
                                                                != report.atMillis()) {
                                                    reports.add(report);
                                                }
                                            }));
            assertThat(reports).isNotEmpty();
            SyncStalled full =
                    reports.stream()
                            .filter(r -> r.escalation() == 12)
                            .filter(
                                    r ->
                                            r.peers().size() == PEERS
                                                    && r.peers().stream()
                                                            .allMatch(
                                                                    p ->
                                                                            p.state()
                                                                                    == SyncStalled
                                                                                            .PeerState
                                                                                            .COOLING_DOWN))
                            .reduce((first, second) -> second)
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    "no report with 12 escalated blocks and 28 cooling peers: "
                                                            + reports));
            LOG.info(
                    "historical tip stall, report {} of {} (first at +{} s): {}",
                    reports.indexOf(full) + 1,
                    reports.size(),
                    (reports.get(0).atMillis() - 0) / 1000,
                    full.toLogLine());
            assertThat(full.escalatedBlocks())
                    .extracting(SyncStalled.EscalatedBlock::block)
                    .containsExactlyElementsOf(io.annals.store.BlockRange.of(FIRST, TIP).blocks());
            assertThat(full.pending()).isZero();
            assertThat(full.stalledFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
            assertThat(full.toLogLine())
                    .doesNotContain("\n")
                    .contains("escalation=12")
                    .contains("p27 head 1000 cooling down");
            assertThat(full.mailboxes())
                    .extracting(SyncStalled.MailboxDepth::actor)
                    .containsExactly("scheduler", "writer");
            assertThat(full.mailboxes())
                    .allSatisfy(depth -> assertThat(depth.depth()).isGreaterThanOrEqualTo(0));
            assertThat(sim.writer().persistedBlocks()).isZero();
        }
    }

    @Test
    void followSettingsPersistTheTipBlocksSoonAfterTheyAppearWhenPeersAnswerEmpty() {
        long persistedAfter = runFollow(ScriptedPeer.Fate.EMPTY);
        assertThat(persistedAfter).isLessThanOrEqualTo(3 * 5_000);
    }

    @Test
    void followSettingsPersistTheTipBlocksSoonAfterTheyAppearEvenWhenPeersFailHard() {
        long persistedAfter = runFollow(ScriptedPeer.Fate.FAIL);
        assertThat(persistedAfter).isLessThanOrEqualTo(3 * 5_000);
    }

    /** Returns how long after the blocks became available the last of them was persisted. */
    private long runFollow(ScriptedPeer.Fate before) {
        SchedulerSettings follow = TestSettings.follow();
        try (Simulation sim = Simulation.withScheduler(follow, Duration.ofMillis(200))) {
            long availableAt = sim.now() + 120_000;
            addPeers(sim, (block, now) -> now < availableAt ? before : ScriptedPeer.Fate.DELIVER);
            sim.addRange(FIRST, TIP);
            sim.advance(Duration.ofMillis(availableAt - sim.now()), Duration.ofMillis(250));
            assertThat(sim.writer().persistedBlocks()).isZero();
            if (before == ScriptedPeer.Fate.EMPTY) {
                assertThat(sim.stats().escalation()).as("not yet available is no failure").isZero();
            }
            sim.advance(Duration.ofSeconds(30), Duration.ofMillis(100));
            FakeWriter.Contents contents = sim.writerContents();
            assertThat(contents.persisted())
                    .hasSize(12)
                    .allSatisfy((block, times) -> assertThat(times).isEqualTo(1));
            long last =
                    contents.persistedAt().values().stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElseThrow();
            long first =
                    contents.persistedAt().values().stream()
                            .mapToLong(Long::longValue)
                            .min()
                            .orElseThrow();
            LOG.info(
                    "follow, peers {} until the blocks exist: first persisted +{} ms, all 12 persisted +{} ms after "
                            + "availability; scheduler handled {} messages",
                    before,
                    first - availableAt,
                    last - availableAt,
                    sim.stats().messagesHandled());
            assertThat(sim.stats().queue() + sim.stats().escalation() + sim.stats().inflight())
                    .isZero();
            return last - availableAt;
        }
    }
}
