package io.annals.sync.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import io.annals.sync.head.HeadSource;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.TimeSource;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.testing.FakePeerLink;
import io.annals.sync.testing.TestChain;
import io.annals.sync.write.ValidatedBlock;
import io.annals.sync.write.Writer;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One peer actor against scripted peers, with probes standing in for the scheduler, the writer and
 * the head tracker: what it fetches, what it hands the writer and what it reports, for each kind of
 * peer.
 */
class PeerActorTest {

    private static ActorTestKit kit;
    private static final TestChain CHAIN = TestChain.of(7, 300, 3);
    private static final PeerSettings SETTINGS = new PeerSettings(Duration.ofSeconds(10), 64);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestProbe<Scheduler.Command> scheduler = kit.createTestProbe();
    private final TestProbe<Writer.Command> writer = kit.createTestProbe();
    private final TestProbe<HeadTracker.Command> heads = kit.createTestProbe();

    @BeforeAll
    static void startUp() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    private ActorRef<PeerActor.Command> start(FakePeerLink link, PeerSettings settings) {
        return kit.spawn(
                PeerActor.create(
                        PeerId.of(link.id()),
                        link,
                        new PeerActor.Wiring(scheduler.ref(), writer.ref(), heads.ref()),
                        settings,
                        TimeSource.system()));
    }

    private Scheduler.RequestWork firstRequest(FakePeerLink link) {
        start(link, SETTINGS);
        return scheduler.expectMessageClass(Scheduler.RequestWork.class, WAIT);
    }

    /**
     * Assigns a batch to the request's sender and returns the report (after any throughput figure).
     */
    private Scheduler.Command assign(Scheduler.RequestWork request, BlockRange batch) {
        request.replyTo().tell(new Scheduler.Assigned(batch, 0));
        Scheduler.Command message = scheduler.receiveMessage(WAIT);
        if (message instanceof Scheduler.Measured measured) {
            assertThat(measured.peer()).isEqualTo(request.peer());
            assertThat(measured.millis()).isNotNegative();
            return scheduler.receiveMessage(WAIT);
        }
        return message;
    }

    @Test
    void aFullPeerProvesItsHeadThenDeliversCheckedBlocksToTheWriter() {
        FakePeerLink link = new FakePeerLink("full", CHAIN, 299, 1).announcingBehind(32);
        Scheduler.RequestWork request = firstRequest(link);
        assertThat(request.head())
                .as("the probe finds the head the announcement lags")
                .isEqualTo(299);
        assertThat(request.servesFrom()).isZero();
        assertThat(heads.expectMessageClass(HeadTracker.PeerHead.class, WAIT))
                .isEqualTo(
                        new HeadTracker.PeerHead(
                                request.peer(),
                                299,
                                java.util.Optional.of(CHAIN.block(299).hash()),
                                HeadSource.PROBED));

        Scheduler.Command report = assign(request, BlockRange.of(100, 131));
        assertThat(report)
                .isEqualTo(
                        new Scheduler.Delivered(request.peer(), BlockRange.of(100, 131).blocks()));
        Writer.Store store = writer.expectMessageClass(Writer.Store.class, WAIT);
        assertThat(store.blocks())
                .extracting(ValidatedBlock::block)
                .containsExactlyElementsOf(CHAIN.blocks(100, 131));
        assertThat(store.blocks()).allSatisfy(block -> assertThat(block.bytes()).isPositive());
        assertThat(scheduler.expectMessageClass(Scheduler.RequestWork.class, WAIT).peer())
                .isEqualTo(request.peer());
    }

    @Test
    void aLyingPeersBlocksFailAndNeverReachTheWriter() {
        FakePeerLink link = new FakePeerLink("liar", CHAIN, 299, 1).lying();
        Scheduler.Command report = assign(firstRequest(link), BlockRange.of(10, 41));
        assertThat(report).isInstanceOf(Scheduler.Failed.class);
        Scheduler.Failed failed = (Scheduler.Failed) report;
        assertThat(failed.blocks()).containsExactlyElementsOf(BlockRange.of(10, 41).blocks());
        assertThat(failed.reason()).contains("transactions root");
        // the peer hands blocks to the writer before it reports the batch: had it sent any, they
        // would be queued by now
        writer.expectNoMessage(Duration.ZERO);
    }

    @Test
    void anAnswerCutShortIsDeliveredAndTheRestGoesBackUnmentioned() {
        FakePeerLink link = new FakePeerLink("partial", CHAIN, 299, 1).answeringAtMost(10);
        Scheduler.RequestWork request = firstRequest(link);
        Scheduler.Command report = assign(request, BlockRange.of(0, 31));
        assertThat(report)
                .isEqualTo(
                        new Scheduler.PartiallyDelivered(
                                request.peer(),
                                BlockRange.of(0, 9).blocks(),
                                List.of(),
                                List.of(),
                                "answer cut short"));
        assertThat(writer.expectMessageClass(Writer.Store.class, WAIT).blocks()).hasSize(10);
    }

    @Test
    void anEmptyAnswerIsReportedAsNotYetAvailable() {
        FakePeerLink link = new FakePeerLink("empty", CHAIN, 299, 1).empty();
        Scheduler.RequestWork request = firstRequest(link);
        assertThat(assign(request, BlockRange.of(50, 59)))
                .isEqualTo(
                        new Scheduler.NotYetAvailable(
                                request.peer(), BlockRange.of(50, 59).blocks()));
    }

    @Test
    void blocksAboveALaggingPeersHeadAreMissingNotFailed() {
        FakePeerLink link = new FakePeerLink("lagging", CHAIN, 150, 1);
        Scheduler.RequestWork request = firstRequest(link);
        assertThat(request.head()).isEqualTo(150);
        assertThat(assign(request, BlockRange.of(140, 171)))
                .isEqualTo(
                        new Scheduler.PartiallyDelivered(
                                request.peer(),
                                BlockRange.of(140, 150).blocks(),
                                List.of(),
                                BlockRange.of(151, 171).blocks(),
                                "answer cut short"));
        assertThat(link.askedAboveHead())
                .as("bodies are asked only for headers that came")
                .isZero();
    }

    @Test
    void aPeerThatNeverAnswersItsProbeStillAsksForWorkWithItsAnnouncedHead() {
        FakePeerLink link = new FakePeerLink("silent", CHAIN, 280, 1).silent();
        start(link, new PeerSettings(Duration.ofMillis(300), 64));
        Scheduler.RequestWork request =
                scheduler.expectMessageClass(Scheduler.RequestWork.class, WAIT);
        assertThat(request.head()).isEqualTo(280);
        // a proven head is reported before the peer asks for work: none came
        heads.expectNoMessage(Duration.ZERO);
    }

    @Test
    void aFailingPeerReportsTheBatchFailed() {
        FakePeerLink link = new FakePeerLink("failing", CHAIN, 299, 1);
        Scheduler.RequestWork request = firstRequest(link);
        link.failing(1.0);
        Scheduler.Command report = assign(request, BlockRange.of(0, 9));
        assertThat(report).isInstanceOf(Scheduler.Failed.class);
        assertThat(((Scheduler.Failed) report).reason()).contains("scripted failure");
    }

    @Test
    void aBatchWithoutAnAnswerInTimeFails() {
        FakePeerLink link = new FakePeerLink("slow", CHAIN, 299, 1);
        start(link, new PeerSettings(Duration.ofMillis(300), 64));
        Scheduler.RequestWork request =
                scheduler.expectMessageClass(Scheduler.RequestWork.class, WAIT);
        link.slow(Duration.ofSeconds(5));
        Scheduler.Command report = assign(request, BlockRange.of(0, 9));
        assertThat(report).isInstanceOf(Scheduler.Failed.class);
        assertThat(((Scheduler.Failed) report).reason()).contains("no complete answer");
    }

    @Test
    void aDisconnectMidBatchReportsNothingButThatThePeerLeft() {
        FakePeerLink link =
                new FakePeerLink("leaving", CHAIN, 299, 1).disconnectingOnBodiesRequest(1);
        Scheduler.RequestWork request = firstRequest(link);
        request.replyTo().tell(new Scheduler.Assigned(BlockRange.of(0, 31), 0));
        assertThat(scheduler.receiveMessage(WAIT))
                .isEqualTo(new Scheduler.PeerLeft(request.peer()));
        heads.fishForMessage(
                WAIT,
                message ->
                        message instanceof HeadTracker.PeerGone
                                ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes
                                        .complete()
                                : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes
                                        .continueAndIgnore());
        // PeerGone is the peer actor's last word: a block for the writer would have come before
        writer.expectNoMessage(Duration.ZERO);
    }

    @Test
    void aParkedPeerAnnouncingAHigherHeadTellsTheScheduler() {
        FakePeerLink link = new FakePeerLink("growing", CHAIN, 200, 1);
        Scheduler.RequestWork request = firstRequest(link);
        request.replyTo()
                .tell(new Scheduler.NoWork(io.annals.sync.model.NoWorkReason.NOTHING_WAITING));
        link.growTo(260);
        assertThat(scheduler.receiveMessage(WAIT))
                .isEqualTo(new Scheduler.PeerHeadChanged(request.peer(), 260));
    }

    @Test
    void aProbeOverrulesAFalseEarliestBlockButNotATrueOne() {
        FakePeerLink lying = new FakePeerLink("false-earliest", CHAIN, 299, 1).earliest(200, 0);
        Scheduler.RequestWork request = firstRequest(lying);
        assertThat(request.servesFrom()).as("the announcement is believed at first").isEqualTo(200);
        request.replyTo().tell(new Scheduler.RecheckHead());
        assertThat(scheduler.expectMessageClass(Scheduler.RequestWork.class, WAIT).servesFrom())
                .as("it served the block below its earliest")
                .isZero();

        FakePeerLink honest = new FakePeerLink("true-earliest", CHAIN, 299, 1).earliest(200, 200);
        Scheduler.RequestWork second = firstRequest(honest);
        second.replyTo().tell(new Scheduler.RecheckHead());
        assertThat(scheduler.expectMessageClass(Scheduler.RequestWork.class, WAIT).servesFrom())
                .isEqualTo(200);
    }

    @Test
    void aPollMakesAParkedPeerProveItsHeadAgainAndAskForWork() {
        FakePeerLink link =
                new FakePeerLink("polled", CHAIN, 200, 1).announcing(FakePeerLink.Announcing.NONE);
        Scheduler.RequestWork request = firstRequest(link);
        heads.expectMessageClass(HeadTracker.PeerHead.class, WAIT);
        request.replyTo()
                .tell(new Scheduler.NoWork(io.annals.sync.model.NoWorkReason.NOTHING_WAITING));
        link.growTo(203); // announcing nothing: only asking finds it
        request.replyTo().tell(new Scheduler.PollHead());
        HeadTracker.PeerHead polled = heads.expectMessageClass(HeadTracker.PeerHead.class, WAIT);
        assertThat(polled.head()).isEqualTo(203);
        assertThat(polled.source()).isEqualTo(HeadSource.POLLED);
        assertThat(scheduler.expectMessageClass(Scheduler.PeerHeadChanged.class, WAIT).head())
                .isEqualTo(203);
        assertThat(scheduler.expectMessageClass(Scheduler.RequestWork.class, WAIT).head())
                .isEqualTo(203);
    }

    @Test
    void anAnnouncementOfAHigherHeadIsProvedAtOnce() {
        FakePeerLink link = new FakePeerLink("announcing", CHAIN, 200, 1);
        Scheduler.RequestWork request = firstRequest(link);
        heads.expectMessageClass(HeadTracker.PeerHead.class, WAIT);
        request.replyTo()
                .tell(new Scheduler.NoWork(io.annals.sync.model.NoWorkReason.NOTHING_WAITING));
        link.growTo(205);
        HeadTracker.PeerHead claimed = heads.expectMessageClass(HeadTracker.PeerHead.class, WAIT);
        assertThat(claimed.source()).as("first the claim").isEqualTo(HeadSource.ANNOUNCED);
        HeadTracker.PeerHead proven = heads.expectMessageClass(HeadTracker.PeerHead.class, WAIT);
        assertThat(proven.head()).isEqualTo(205);
        assertThat(proven.source())
                .as("then the probe it caused")
                .isEqualTo(HeadSource.ANNOUNCEMENT_PROBED);
    }
}
