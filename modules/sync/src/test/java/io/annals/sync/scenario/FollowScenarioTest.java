package io.annals.sync.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.sync.SyncStats;
import io.annals.sync.head.HeadStats;
import io.annals.sync.testing.FakePeerLink;
import io.annals.sync.testing.FakePeerLink.Announcing;
import io.annals.sync.testing.TestChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow mode against the network as it is: peers that announce nothing (eth/68 after the merge) or
 * once per epoch (eth/69), one peer alone, a peer that lags, a peer that lies. The whole engine
 * runs in virtual time on mainnet's 12 s block time; every case checks that each new block is
 * stored, in order, within the head-poll cadence of the first peer serving it, and that the peers
 * get few requests.
 */
class FollowScenarioTest {

    private static final Logger LOG = LoggerFactory.getLogger(FollowScenarioTest.class);

    private static final Duration BLOCK_TIME = Duration.ofSeconds(12);
    private static final long HEAD = 200;
    private static final int NEW_BLOCKS = 20;
    private static final TestChain CHAIN = TestChain.of(91, (int) HEAD + NEW_BLOCKS + 1, 2);

    /**
     * The poll interval (500 ms) plus the round trips of a poll and a batch and the writer's batch
     * delay, with room for a step of the simulation: a block is stored this soon after the first
     * peer serves it, whatever the peers announce.
     */
    private static final long TIP_LAG_BOUND_MILLIS = 1_000;

    /**
     * When one of the polled peers is of no use for the newest block (it serves it late, or claims
     * what it cannot serve), a poll may find nothing and the next one the block: one poll interval
     * more.
     */
    private static final long TIP_LAG_WITH_A_USELESS_PEER_MILLIS = TIP_LAG_BOUND_MILLIS + 500;

    private static final Duration REVEAL = Duration.ofMillis(300);

    @TempDir Path folder;

    @Test
    void onePeerThatAnnouncesNothingIsEnough() {
        try (FollowSimulation run = new FollowSimulation(folder, CHAIN, HEAD, BLOCK_TIME)) {
            run.addPeer("silent", Announcing.NONE, REVEAL);
            SyncStats end = follow(run, TIP_LAG_BOUND_MILLIS);
            HeadStats.Discovery discovery = end.head().orElseThrow().discovery();
            assertThat(discovery.byPoll())
                    .as("each new head was found by asking")
                    .isEqualTo(NEW_BLOCKS);
            assertThat(requestsPerPeerPerBlock(run, 1))
                    .as("one peer: the polls of one block time and one batch")
                    .isLessThanOrEqualTo(12.0);
        }
    }

    @Test
    void oneEth69PeerAnnouncingPerEpochIsEnough() {
        try (FollowSimulation run = new FollowSimulation(folder, CHAIN, HEAD, BLOCK_TIME)) {
            run.addPeer("epoch", Announcing.EPOCH, REVEAL);
            SyncStats end = follow(run, TIP_LAG_BOUND_MILLIS);
            assertThat(end.head().orElseThrow().discovery().byPoll())
                    .as("an epoch's announcement comes too seldom: the polls find the blocks")
                    .isGreaterThanOrEqualTo(NEW_BLOCKS - 1);
        }
    }

    @Test
    void eightPeersThatAnnounceNothingShareThePolls() {
        try (FollowSimulation run = new FollowSimulation(folder, CHAIN, HEAD, BLOCK_TIME)) {
            for (int i = 0; i < 8; i++) {
                run.addPeer("silent-" + i, Announcing.NONE, REVEAL.plusMillis(40L * i));
            }
            follow(run, TIP_LAG_BOUND_MILLIS);
            assertThat(requestsPerPeerPerBlock(run, 8))
                    .as("polls go round a few peers: each gets a few requests per block time")
                    .isLessThanOrEqualTo(4.0);
        }
    }

    @Test
    void aPeerWhosePollAnswersLagDoesNotHoldTheTipBack() {
        try (FollowSimulation run = new FollowSimulation(folder, CHAIN, HEAD, BLOCK_TIME)) {
            run.addPeer("prompt-1", Announcing.NONE, REVEAL);
            run.addPeer("prompt-2", Announcing.NONE, REVEAL.plusMillis(50));
            run.addPeer("late", Announcing.NONE, REVEAL.plusSeconds(1));
            follow(run, TIP_LAG_WITH_A_USELESS_PEER_MILLIS);
        }
    }

    @Test
    void aPeerClaimingAHeadItCannotServeMakesNoFalseHeadAndNoStall() {
        try (FollowSimulation run = new FollowSimulation(folder, CHAIN, HEAD, BLOCK_TIME)) {
            run.addPeer("honest", Announcing.NONE, REVEAL);
            FakePeerLink liar = run.addPeer("liar", Announcing.EVERY_BLOCK, REVEAL);
            liar.claimingAhead(1_000);
            SyncStats end = follow(run, TIP_LAG_WITH_A_USELESS_PEER_MILLIS);
            HeadStats head = end.head().orElseThrow();
            assertThat(head.networkHead())
                    .as("the liar's claim is never the network head")
                    .isEqualTo(run.born());
            assertThat(end.scheduler().orElseThrow().lastStall()).isEmpty();
            assertThat(liar.highestAsked())
                    .as("no block is fetched from the liar above what it serves")
                    .isLessThanOrEqualTo(liar.head());
            // a probe of it is two small requests (from the claimed head, then by the announced
            // hash), once per announcement and for its half of the polls: bounded per block
            assertThat((double) liar.headerRequests() / NEW_BLOCKS)
                    .as("header requests to the liar per block")
                    .isLessThanOrEqualTo(12.0);
        }
    }

    /**
     * Syncs to the stored head, makes the new blocks, and checks the invariants of following: every
     * block stored, in order, each within the bound of its first peer serving it.
     */
    private static SyncStats follow(FollowSimulation run, long tipLagBoundMillis) {
        run.start();
        run.awaitFollowing(Duration.ofSeconds(30));
        run.grow(NEW_BLOCKS, Duration.ofSeconds(5));
        SyncStats end = run.stats();
        Map<Long, Long> lags = run.tipLagMillis();
        LOG.info(
                "tip lag per block (virtual ms) {}; discovery {}",
                lags.values(),
                end.head().orElseThrow().discovery());
        assertThat(end.failure()).isEmpty();
        assertThat(run.disorder()).as("stored in order").isEmpty();
        assertThat(run.contiguousHead()).as("every new block stored").isEqualTo(run.born());
        assertThat(lags).hasSize(NEW_BLOCKS);
        assertThat(lags.values())
                .as("each block stored soon after a peer served it")
                .allSatisfy(lag -> assertThat(lag).isLessThanOrEqualTo(tipLagBoundMillis));
        for (long n = HEAD + 1; n <= run.born(); n++) {
            assertThat(run.store().canonicalHash(n)).contains(CHAIN.block(n).hash());
        }
        return end;
    }

    private static double requestsPerPeerPerBlock(FollowSimulation run, int peers) {
        return (double) run.headerRequests() / peers / NEW_BLOCKS;
    }
}
