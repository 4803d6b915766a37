package io.annals.sync.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.link.PeerLink;
import io.annals.sync.model.PeerId;
import io.annals.sync.testing.FakePeerLink;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a conflict between the stored chain and a delivered block is judged, against a real store
 * holding blocks 0..100 of one chain and scripted peers serving it or a sibling branch: walked down
 * from an anchor, by parent hash, whoever serves the headers; or, without an anchor, by a vote of
 * the connected peers.
 */
class ConflictInquiryTest {

    private static final int HEAD = 100;
    private static final TestChain STORED = TestChain.of(81, HEAD + 1, 1);
    private static final long WINDOW = 64;
    private static final int QUORUM = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir Path folder;

    @Test
    void theStoredSideLosesAgainstAnAnchorOnTheOtherBranchAndIsDroppedDownToTheCommonAncestor() {
        TestChain fork = STORED.fork(95, 1, HEAD + 1);
        Map<PeerId, PeerLink> links = links(peer("a", fork), peer("b", fork), peer("c", STORED));
        Judgement judged =
                judge(
                        new LinkConflict(HEAD, STORED.block(HEAD).hash(), fork.block(HEAD).hash()),
                        "a",
                        List.of(anchor(fork, HEAD, "a", "b")),
                        links);

        assertThat(judged).isInstanceOf(Judgement.Replace.class);
        RollbackPlan plan = ((Judgement.Replace) judged).plan();
        assertThat(plan.ancestor()).isEqualTo(95);
        assertThat(plan.top()).isEqualTo(HEAD);
        assertThat(plan.everythingAbove()).isTrue();
        assertThat(plan.maxDrop()).as("confirmed blocks: at most the window").isEqualTo(WINDOW);
        Map<Long, Hash> expected = new HashMap<>();
        for (long n = 96; n <= HEAD; n++) {
            expected.put(n, fork.block(n).hash());
        }
        assertThat(plan.branch()).as("the branch to follow").isEqualTo(expected);
    }

    @Test
    void aPeerThatDoesNotServeTheAnchoredChainIsPassedOver() {
        TestChain fork = STORED.fork(90, 2, HEAD + 1);
        TestChain unrelated = TestChain.of(82, HEAD + 1, 1);
        // the first supporter asked serves another chain: its answers do not link to the anchor's
        // hash
        Map<PeerId, PeerLink> links = links(peer("a", unrelated), peer("b", fork));
        Judgement judged =
                judge(
                        new LinkConflict(HEAD, STORED.block(HEAD).hash(), fork.block(HEAD).hash()),
                        "b",
                        List.of(anchor(fork, HEAD, "a", "b")),
                        links);
        assertThat(judged).isInstanceOf(Judgement.Replace.class);
        assertThat(((Judgement.Replace) judged).plan().ancestor()).isEqualTo(90);
    }

    @Test
    void anIncomingBlockOffTheAnchoredChainIsRefusedAndItsPeerStruck() {
        TestChain fork = STORED.fork(97, 3, HEAD + 1);
        Map<PeerId, PeerLink> links =
                links(peer("a", STORED), peer("b", STORED), peer("liar", fork));
        Judgement judged =
                judge(
                        new LinkConflict(98, STORED.block(98).hash(), fork.block(98).hash()),
                        "liar",
                        List.of(anchor(STORED, HEAD, "a", "b")),
                        links);
        assertThat(judged).isInstanceOf(Judgement.Refuse.class);
        Judgement.Refuse refuse = (Judgement.Refuse) judged;
        assertThat(refuse.anchored()).isTrue();
        assertThat(refuse.losers()).containsExactly(PeerId.of("liar"));
    }

    @Test
    void aReorgDeeperThanTheWindowOfConfirmedBlocksIsTooDeep() {
        TestChain fork = STORED.fork(HEAD - WINDOW - 1, 4, HEAD + 1);
        Map<PeerId, PeerLink> links = links(peer("a", fork), peer("b", fork));
        Judgement judged =
                judge(
                        new LinkConflict(HEAD, STORED.block(HEAD).hash(), fork.block(HEAD).hash()),
                        "a",
                        List.of(anchor(fork, HEAD, "a", "b")),
                        links);
        assertThat(judged).isInstanceOf(Judgement.TooDeep.class);
        assertThat(((Judgement.TooDeep) judged).depth()).isEqualTo(WINDOW + 1);
        assertThat(judged.account()).contains("exceeds the rollback window of " + WINDOW);
    }

    @Test
    void exactlyTheWindowIsStillFollowed() {
        TestChain fork = STORED.fork(HEAD - WINDOW, 5, HEAD + 1);
        Map<PeerId, PeerLink> links = links(peer("a", fork), peer("b", fork));
        Judgement judged =
                judge(
                        new LinkConflict(HEAD, STORED.block(HEAD).hash(), fork.block(HEAD).hash()),
                        "a",
                        List.of(anchor(fork, HEAD, "a", "b")),
                        links);
        assertThat(judged).isInstanceOf(Judgement.Replace.class);
        assertThat(((Judgement.Replace) judged).plan().ancestor()).isEqualTo(HEAD - WINDOW);
    }

    @Test
    void withoutAnAnchorTheConnectedPeersVoteAndATieKeepsTheStoredBlock() {
        TestChain fork = STORED.fork(98, 6, HEAD + 1);
        LinkConflict conflict =
                new LinkConflict(99, STORED.block(99).hash(), fork.block(99).hash());

        Judgement outvoted =
                judge(
                        conflict,
                        "a",
                        List.of(),
                        links(peer("a", fork), peer("b", fork), peer("c", STORED)));
        assertThat(outvoted).isInstanceOf(Judgement.Replace.class);
        assertThat(((Judgement.Replace) outvoted).plan().ancestor()).isEqualTo(98);
        assertThat(((Judgement.Replace) outvoted).plan().top()).isEqualTo(HEAD);

        Judgement tie = judge(conflict, "a", List.of(), links(peer("a", fork), peer("c", STORED)));
        assertThat(tie).isInstanceOf(Judgement.Refuse.class);
        assertThat(((Judgement.Refuse) tie).anchored()).isFalse();
        assertThat(((Judgement.Refuse) tie).losers()).containsExactly(PeerId.of("a"));
    }

    @Test
    void aLonePeerCannotForceARollbackNeitherAsAnAnchorNorByVote() {
        TestChain fork = STORED.fork(95, 7, HEAD + 1);
        LinkConflict conflict =
                new LinkConflict(HEAD, STORED.block(HEAD).hash(), fork.block(HEAD).hash());
        Map<PeerId, PeerLink> alone = links(peer("lone", fork));

        Judgement anchored = judge(conflict, "lone", List.of(anchor(fork, HEAD, "lone")), alone);
        assertThat(anchored).isInstanceOf(Judgement.Refuse.class);
        assertThat(((Judgement.Refuse) anchored).losers()).as("nobody is penalised").isEmpty();
        assertThat(anchored.account()).contains("needs " + QUORUM);

        Judgement voted = judge(conflict, "lone", List.of(), alone);
        assertThat(voted).isInstanceOf(Judgement.Refuse.class);
        assertThat(((Judgement.Refuse) voted).losers()).isEmpty();

        Judgement withASecond =
                judge(
                        conflict,
                        "lone",
                        List.of(anchor(fork, HEAD, "lone", "second")),
                        links(peer("lone", fork), peer("second", fork)));
        assertThat(withASecond)
                .as("a second peer on its side decides it")
                .isInstanceOf(Judgement.Replace.class);
    }

    @Test
    void aCheckpointNeedsNoSupporters() {
        TestChain fork = STORED.fork(95, 8, HEAD + 1);
        Judgement judged =
                judge(
                        new LinkConflict(HEAD, STORED.block(HEAD).hash(), fork.block(HEAD).hash()),
                        "lone",
                        List.of(Anchor.checkpoint(HEAD, fork.block(HEAD).hash())),
                        links(peer("lone", fork)));
        assertThat(judged).isInstanceOf(Judgement.Replace.class);
    }

    private Judgement judge(
            LinkConflict conflict,
            String source,
            List<Anchor> anchors,
            Map<PeerId, PeerLink> links) {
        try (HistoryStore store = StoreFixture.filled(folder, STORED, 0, HEAD)) {
            ConflictInquiry.Inquiry inquiry =
                    new ConflictInquiry.Inquiry(
                            conflict,
                            PeerId.of(source),
                            anchors,
                            links,
                            HEAD,
                            WINDOW,
                            QUORUM,
                            TIMEOUT);
            return ConflictInquiry.run(inquiry, storedHashes(store)).join();
        }
    }

    private static StoredHashes storedHashes(HistoryStore store) {
        return new StoredHashes() {
            @Override
            public CompletableFuture<Map<Long, Hash>> hashes(long from, long to) {
                Map<Long, Hash> hashes = new HashMap<>();
                for (long n = from; n <= to; n++) {
                    long number = n;
                    store.canonicalHash(number).ifPresent(hash -> hashes.put(number, hash));
                }
                return CompletableFuture.completedFuture(hashes);
            }

            @Override
            public CompletableFuture<List<BlockRange>> presentRanges() {
                return CompletableFuture.completedFuture(store.presentRanges());
            }
        };
    }

    private static Anchor anchor(TestChain chain, long number, String... supporters) {
        return new Anchor(
                number,
                chain.block(number).hash(),
                Set.of(supporters).stream()
                        .map(PeerId::of)
                        .collect(java.util.stream.Collectors.toSet()));
    }

    private static FakePeerLink peer(String id, TestChain chain) {
        return new FakePeerLink(id, chain, HEAD, id.hashCode());
    }

    private static Map<PeerId, PeerLink> links(FakePeerLink... peers) {
        Map<PeerId, PeerLink> links = new LinkedHashMap<>();
        for (FakePeerLink peer : peers) {
            links.put(PeerId.of(peer.id()), peer);
        }
        return links;
    }
}
