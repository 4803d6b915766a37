package io.annals.sync.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Receipt;
import io.annals.store.BlockRange;
import io.annals.store.EncodedBlock;
import io.annals.store.FullBlock;
import io.annals.sync.link.Fetched;
import io.annals.sync.testing.TestChain;
import io.annals.sync.write.ValidatedBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchChecksTest {

    private static final TestChain CHAIN = TestChain.of(3, 40, 3);
    private static final TestChain OTHER = TestChain.of(4, 40, 3);

    private static List<BlockHeader> headers(long first, long last) {
        return CHAIN.blocks(first, last).stream().map(FullBlock::header).toList();
    }

    private static Fetched<BlockBody> bodies(long first, long last) {
        return new Fetched<>(CHAIN.blocks(first, last).stream().map(FullBlock::body).toList(), 100);
    }

    private static Fetched<List<Receipt>> receipts(long first, long last) {
        return new Fetched<>(
                CHAIN.blocks(first, last).stream().map(FullBlock::receipts).toList(), 100);
    }

    @Test
    void headersThatAreTheBatchInOrderAndLinkedAreAllUsable() {
        BatchChecks.HeaderCheck check =
                BatchChecks.checkHeaders(BlockRange.of(10, 19), headers(10, 19));
        assertThat(check.usable()).hasSize(10);
        assertThat(check.failed()).isEmpty();
        assertThat(check.missing()).isEmpty();
        assertThat(check.problem()).isEmpty();
    }

    @Test
    void aShortAnswerLeavesTheRestMissingAndABrokenLinkFailsFromThere() {
        BatchChecks.HeaderCheck short_ =
                BatchChecks.checkHeaders(BlockRange.of(10, 19), headers(10, 14));
        assertThat(short_.usable()).hasSize(5);
        assertThat(short_.missing()).containsExactlyElementsOf(BlockRange.of(15, 19).blocks());

        List<BlockHeader> forked = new ArrayList<>(headers(10, 19));
        forked.set(6, OTHER.block(16).header()); // the right number, another parent
        BatchChecks.HeaderCheck broken = BatchChecks.checkHeaders(BlockRange.of(10, 19), forked);
        assertThat(broken.usable()).hasSize(6);
        assertThat(broken.failed()).containsExactlyElementsOf(BlockRange.of(16, 19).blocks());
        assertThat(broken.problem())
                .hasValueSatisfying(p -> assertThat(p).contains("16 does not link"));
    }

    @Test
    void headersThatDoNotAnswerTheQueryFailTheWholeBatch() {
        BatchChecks.HeaderCheck wrong =
                BatchChecks.checkHeaders(BlockRange.of(10, 19), headers(11, 20));
        assertThat(wrong.usable()).isEmpty();
        assertThat(wrong.failed()).containsExactlyElementsOf(BlockRange.of(10, 19).blocks());
        assertThat(BatchChecks.checkHeaders(BlockRange.of(10, 12), headers(10, 14)).failed())
                .hasSize(3);
    }

    @Test
    void eachBodyAndReceiptListIsCheckedAgainstItsHeader() {
        BatchChecks.HeaderCheck check =
                BatchChecks.checkHeaders(BlockRange.of(0, 9), headers(0, 9));
        List<BlockBody> bodies = new ArrayList<>(bodies(0, 9).items());
        List<List<Receipt>> receipts = new ArrayList<>(receipts(0, 9).items());
        bodies.set(
                3,
                OTHER.block(30).body().transactions().isEmpty()
                        ? withTransactionsOf(5)
                        : OTHER.block(30).body());
        receipts.set(7, List.of(Receipt.withStatus(0, true, 21_000, List.of())));
        BatchChecks.Outcome outcome =
                BatchChecks.assemble(
                        check, new Fetched<>(bodies, 1_000), new Fetched<>(receipts, 1_000));
        assertThat(outcome.failed()).containsExactly(3L, 7L);
        assertThat(outcome.deliveredNumbers()).containsExactly(0L, 1L, 2L, 4L, 5L, 6L, 8L, 9L);
        assertThat(outcome.delivered())
                .extracting(ValidatedBlock::block)
                .containsExactly(
                        EncodedBlock.of(CHAIN.block(0)),
                        EncodedBlock.of(CHAIN.block(1)),
                        EncodedBlock.of(CHAIN.block(2)),
                        EncodedBlock.of(CHAIN.block(4)),
                        EncodedBlock.of(CHAIN.block(5)),
                        EncodedBlock.of(CHAIN.block(6)),
                        EncodedBlock.of(CHAIN.block(8)),
                        EncodedBlock.of(CHAIN.block(9)));
        assertThat(outcome.problem()).isPresent();
    }

    @Test
    void anEmptyAnswerIsMissingAndAnAnswerCutShortLeavesTheRestUnmentioned() {
        BatchChecks.HeaderCheck check =
                BatchChecks.checkHeaders(BlockRange.of(0, 9), headers(0, 9));
        BatchChecks.Outcome empty =
                BatchChecks.assemble(check, new Fetched<>(List.of(), 0), receipts(0, 9));
        assertThat(empty.missing()).containsExactlyElementsOf(BlockRange.of(0, 9).blocks());
        assertThat(empty.delivered()).isEmpty();

        BatchChecks.Outcome cut = BatchChecks.assemble(check, bodies(0, 9), receipts(0, 3));
        assertThat(cut.deliveredNumbers()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(cut.failed()).isEmpty();
        assertThat(cut.missing()).as("blocks 4..9 go back without penalty").isEmpty();
    }

    private static BlockBody withTransactionsOf(long block) {
        for (long n = block; n < OTHER.length(); n++) {
            if (!OTHER.block(n).body().transactions().isEmpty()) {
                return OTHER.block(n).body();
            }
        }
        throw new IllegalStateException("no block with transactions");
    }
}
