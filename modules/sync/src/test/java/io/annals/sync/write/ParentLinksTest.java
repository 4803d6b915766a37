package io.annals.sync.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Hash;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.sync.chain.LinkConflict;
import io.annals.sync.model.PeerId;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The links a write is checked for, against a real store holding blocks 10..19 and 30..39. */
class ParentLinksTest {

    private static final TestChain CHAIN = TestChain.of(5, 60, 2);
    private static final TestChain OTHER = TestChain.of(6, 60, 2);
    private static final PeerId P = PeerId.of("p");

    @TempDir Path folder;

    private static List<PendingBlock> pending(FullBlock... blocks) {
        return java.util.Arrays.stream(blocks)
                .map(block -> new PendingBlock(P, block, 100, 0))
                .toList();
    }

    private ParentLinks.Verdict check(List<PendingBlock> blocks) {
        return check(blocks, Map.of());
    }

    private ParentLinks.Verdict check(List<PendingBlock> blocks, Map<Long, Hash> trusted) {
        try (HistoryStore store = StoreFixture.filled(folder, CHAIN, 10, 19)) {
            store.write(CHAIN.blocks(30, 39));
            return ParentLinks.check(
                    blocks,
                    SyncStore.of(store),
                    number -> Optional.ofNullable(trusted.get(number)));
        }
    }

    @Test
    void aRefusalAgainstTheStoredChainNamesTheConflictToJudgeWhicheverSideArrivedFirst() {
        // 15: another block at a stored number; 20: names another parent than stored 19; 29: stored
        // 30
        // names another parent (the child arrived first); 46: another parent than 45 of the same
        // write
        ParentLinks.Verdict verdict =
                check(
                        pending(
                                OTHER.block(15),
                                OTHER.block(20),
                                OTHER.block(29),
                                CHAIN.block(45),
                                OTHER.block(46)));
        assertThat(verdict.refused())
                .extracting(ParentLinks.Refusal::conflict)
                .containsExactly(
                        Optional.of(
                                new LinkConflict(
                                        15, CHAIN.block(15).hash(), OTHER.block(15).hash())),
                        Optional.of(
                                new LinkConflict(
                                        19,
                                        CHAIN.block(19).hash(),
                                        OTHER.block(20).header().parentHash())),
                        Optional.of(
                                new LinkConflict(
                                        29,
                                        CHAIN.block(30).header().parentHash(),
                                        OTHER.block(29).hash())),
                        Optional.empty());
    }

    @Test
    void aBlockOrAParentThatContradictsATrustedHashIsRefusedWithNothingToJudge() {
        Map<Long, Hash> trusted = Map.of(25L, CHAIN.block(25).hash(), 49L, CHAIN.block(49).hash());
        ParentLinks.Verdict verdict =
                check(
                        pending(OTHER.block(25), CHAIN.block(26), OTHER.block(50), CHAIN.block(51)),
                        trusted);
        assertThat(verdict.refused())
                .extracting(refusal -> refusal.block().number())
                .containsExactly(25L, 50L);
        assertThat(verdict.refused().get(0).reason()).contains("not the trusted block");
        assertThat(verdict.refused().get(1).reason()).contains("trusted");
        assertThat(verdict.refused())
                .allSatisfy(refusal -> assertThat(refusal.conflict()).isEmpty());
        assertThat(verdict.accepted())
                .as("26 and 51 link to nothing known")
                .extracting(PendingBlock::number)
                .containsExactly(26L, 51L);
    }

    @Test
    void blocksThatFitBetweenStoredNeighboursAreAccepted() {
        ParentLinks.Verdict verdict =
                check(
                        pending(
                                CHAIN.block(29),
                                CHAIN.block(20),
                                CHAIN.block(21),
                                CHAIN.block(9),
                                CHAIN.block(15),
                                CHAIN.block(20)));
        assertThat(verdict.refused()).isEmpty();
        assertThat(verdict.accepted())
                .extracting(PendingBlock::number)
                .containsExactly(9L, 15L, 20L, 21L, 29L);
    }

    @Test
    void aBlockThatContradictsAStoredNeighbourOrAStoredBlockIsRefused() {
        ParentLinks.Verdict verdict =
                check(
                        pending(
                                OTHER.block(20),
                                OTHER.block(29),
                                OTHER.block(15),
                                CHAIN.block(45),
                                OTHER.block(46)));
        assertThat(verdict.accepted()).extracting(PendingBlock::number).containsExactly(45L);
        assertThat(verdict.refused())
                .extracting(refusal -> refusal.block().number())
                .containsExactly(15L, 20L, 29L, 46L);
        assertThat(verdict.refused().get(0).conflict()).isPresent();
        assertThat(verdict.refused().get(1).reason()).contains("not block 19");
        assertThat(verdict.refused().get(2).reason())
                .contains("stored block 30 names another parent");
        assertThat(verdict.refused().get(3).reason()).contains("not block 45");
    }
}
