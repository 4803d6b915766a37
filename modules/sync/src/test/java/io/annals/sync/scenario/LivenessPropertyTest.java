package io.annals.sync.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.sync.TestSettings;
import io.annals.sync.ledger.SchedulerSettings;
import io.annals.sync.model.PeerId;
import io.annals.sync.scheduler.SchedulerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariant 1 under chaos: randomised peers, heads, failure patterns, disconnects and range
 * additions (seeded). After every step: while a block waits and a connected idle peer's head covers
 * it, some block is assigned within the mode's cap plus slack. At the end every block of every
 * range is persisted exactly once.
 */
class LivenessPropertyTest {

    private static final Duration STEP = Duration.ofMillis(250);

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (long seed = 1; seed <= 10; seed++) {
            runs.add(Arguments.of(seed, TestSettings.follow()));
        }
        for (long seed = 11; seed <= 14; seed++) {
            runs.add(Arguments.of(seed, TestSettings.historical()));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("runs")
    void someBlockIsAssignedWithinTheCapAndEveryBlockLandsOnce(
            long seed, SchedulerSettings settings) {
        SplittableRandom random = new SplittableRandom(seed);
        long bound = settings.livenessBound().toMillis() + STEP.toMillis() + 1_000;
        try (Simulation sim = Simulation.withScheduler(settings, Duration.ofMillis(150))) {
            List<PeerId> connected = new ArrayList<>();
            long[] nextBlock = {0};
            long[] maxHead = {300};
            int[] peerCount = {0};
            Runnable addPeer =
                    () -> {
                        PeerId id = PeerId.of("p" + peerCount[0]++);
                        double failRate = random.nextDouble() * 0.5;
                        double emptyRate = random.nextDouble() * 0.3;
                        long salt = random.nextLong();
                        ScriptedPeer.Script script =
                                (block, now) -> {
                                    double roll =
                                            new SplittableRandom(
                                                            salt
                                                                    ^ (block * 0x9E3779B97F4A7C15L)
                                                                    ^ now)
                                                    .nextDouble();
                                    return roll < failRate
                                            ? ScriptedPeer.Fate.FAIL
                                            : roll < failRate + emptyRate
                                                    ? ScriptedPeer.Fate.EMPTY
                                                    : ScriptedPeer.Fate.DELIVER;
                                };
                        long head = maxHead[0] - random.nextLong(0, 150);
                        sim.addPeer(id, head, script, Duration.ofMillis(random.nextLong(50, 800)));
                        connected.add(id);
                    };
            for (int i = 0; i < random.nextInt(3, 7); i++) {
                addPeer.run();
            }
            java.util.TreeSet<Long> expectedBlocks = new java.util.TreeSet<>();
            sim.addRange(0, 299);
            LongStream.range(0, 300).forEach(expectedBlocks::add);
            nextBlock[0] = 300;
            long[] coveredSteps = {0};

            long[] coveredSince = {Long.MIN_VALUE};
            long[] lastAssigned = {Long.MIN_VALUE};
            Runnable checkInvariant =
                    () -> {
                        SchedulerStats stats = sim.stats();
                        long lowest = stats.lowestWaiting();
                        boolean covered = false;
                        for (ScriptedPeer.State peer : sim.peers()) {
                            lastAssigned[0] = Math.max(lastAssigned[0], peer.lastAssignedMillis());
                            covered |=
                                    lowest >= 0
                                            && peer.connected()
                                            && peer.busy().isEmpty()
                                            && peer.head() >= lowest;
                        }
                        long now = sim.now();
                        if (!covered) {
                            coveredSince[0] = Long.MIN_VALUE;
                            return;
                        }
                        coveredSteps[0]++;
                        if (coveredSince[0] == Long.MIN_VALUE) {
                            coveredSince[0] = now;
                        }
                        long quiet = now - Math.max(coveredSince[0], lastAssigned[0]);
                        assertThat(quiet)
                                .as(
                                        "seed %d: block %d waits for an idle peer that covers it, nothing assigned",
                                        seed, lowest)
                                .isLessThanOrEqualTo(bound);
                    };

            Duration chaos =
                    settings.livenessBound()
                            .multipliedBy(settings.maxBlockBackoff().toSeconds() > 10 ? 3 : 30);
            long chaosSteps = chaos.toMillis() / STEP.toMillis();
            for (long step = 0; step < chaosSteps; step++) {
                double roll = random.nextDouble();
                if (roll < 0.01 && connected.size() > 1) {
                    sim.tell(
                            connected.remove(random.nextInt(connected.size())),
                            new ScriptedPeer.Disconnect());
                } else if (roll < 0.02) {
                    addPeer.run();
                } else if (roll < 0.05) {
                    long length = random.nextLong(1, 80);
                    long gap = random.nextLong(0, 20);
                    sim.addRange(nextBlock[0] + gap, nextBlock[0] + gap + length - 1);
                    LongStream.range(nextBlock[0] + gap, nextBlock[0] + gap + length)
                            .forEach(expectedBlocks::add);
                    nextBlock[0] += gap + length;
                    maxHead[0] = Math.max(maxHead[0], nextBlock[0] + random.nextLong(0, 10));
                } else if (roll < 0.08) {
                    PeerId peer = connected.get(random.nextInt(connected.size()));
                    sim.tell(peer, new ScriptedPeer.SetHead(maxHead[0] - random.nextLong(0, 40)));
                }
                sim.advance(STEP, STEP, checkInvariant);
            }

            // heal: every connected peer answers in full and knows the highest head
            for (PeerId peer : connected) {
                sim.tell(
                        peer,
                        new ScriptedPeer.SetScript((block, now) -> ScriptedPeer.Fate.DELIVER));
                sim.tell(peer, new ScriptedPeer.SetHead(maxHead[0]));
            }
            for (int round = 0; round < 40 && outstanding(sim.stats()) > 0; round++) {
                sim.advance(settings.livenessBound(), STEP, checkInvariant);
            }
            SchedulerStats end = sim.stats();
            assertThat(end.queue() + end.escalation() + end.inflight() + end.awaitingDurability())
                    .isZero();
            FakeWriter.Contents contents = sim.writerContents();
            assertThat(contents.persisted().keySet())
                    .as("seed %d: every block of every range", seed)
                    .containsExactlyInAnyOrderElementsOf(expectedBlocks);
            assertThat(contents.persisted().values())
                    .as("seed %d: exactly once", seed)
                    .allMatch(times -> times == 1);
            assertThat(contents.received().values()).allMatch(times -> times == 1);
            assertThat(end.persisted()).isEqualTo(expectedBlocks.size());
            assertThat(coveredSteps[0]).as("the invariant was exercised").isPositive();
        }
    }

    private static long outstanding(SchedulerStats stats) {
        return stats.queue() + stats.escalation() + stats.inflight() + stats.awaitingDurability();
    }
}
