package io.annals.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Hardfork;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.Receipts;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionType;
import io.annals.store.FullBlock;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A devnet chain with a merge: London proof-of-work blocks below block N, Prague from it. */
class MergeChainTest {
    static final int MERGE = 24;
    static final ChainParameters PARAMS =
            ChainParameters.mainnetLike(31).withShape(ChainShape.SMALL).withMergeAt(MERGE);

    @TempDir Path dir;

    @Test
    void proofOfWorkBelowTheMergeAndPragueFromIt() {
        try (GeneratedChain chain = GeneratedChain.open(dir, new BlockGenerator(PARAMS));
                ParallelComposer composer = new ParallelComposer(2)) {
            chain.extendTo(MERGE + 12, 0, composer, head -> {});
            BigInteger td = BigInteger.ZERO;
            int ommers = 0;
            for (long n = 0; n <= MERGE + 12; n++) {
                FullBlock block =
                        new FullBlock(
                                chain.store().header(n).orElseThrow(),
                                chain.store().body(n).orElseThrow(),
                                chain.store().receipts(n).orElseThrow().receipts().stream()
                                        .map(r -> r.receipt())
                                        .toList());
                BlockHeader header = block.header();
                assertThat(block.body().mismatchWith(header)).as("block %d", n).isEmpty();
                assertThat(Receipts.mismatchWith(header, block.receipts()))
                        .as("block %d", n)
                        .isEmpty();
                if (n > 0) {
                    assertThat(header.parentHash()).isEqualTo(chain.header(n - 1).hash());
                }
                if (n < MERGE) {
                    assertThat(header.format()).as("block %d", n).isEqualTo(HeaderFormat.LONDON);
                    assertThat(header.difficulty()).isEqualTo(ChainParameters.difficulty(n));
                    assertThat(block.body().withdrawals()).isEmpty();
                    for (Transaction tx : block.body().transactions()) {
                        assertThat(tx.type())
                                .isNotIn(TransactionType.BLOB, TransactionType.SET_CODE);
                    }
                    ommers += block.body().ommers().size();
                    for (BlockHeader ommer : block.body().ommers()) {
                        assertThat(ommer.number()).isEqualTo(n - 1);
                        assertThat(ommer.parentHash()).isEqualTo(chain.header(n - 2).hash());
                        assertThat(ommer.hash()).isNotEqualTo(chain.header(n - 1).hash());
                    }
                    td = td.add(header.difficulty());
                } else {
                    assertThat(header.format()).as("block %d", n).isEqualTo(HeaderFormat.PRAGUE);
                    assertThat(header.difficulty()).isZero();
                    assertThat(block.body().ommers()).isEmpty();
                    assertThat(block.body().withdrawals()).isPresent();
                }
            }
            assertThat(ommers).isEqualTo((MERGE - 1) / 4);
            ChainSpec spec = chain.spec();
            assertThat(spec.merge().orElseThrow().firstBlock()).isEqualTo(MERGE);
            // the last proof-of-work block reaches the terminal total difficulty, its parent not
            assertThat(spec.merge().orElseThrow().terminalTotalDifficulty()).isEqualTo(td);
            BlockHeader first = chain.header(MERGE);
            assertThat(spec.isActive(Hardfork.PRAGUE, MERGE, first.timestamp())).isTrue();
            BlockHeader last = chain.header(MERGE - 1);
            assertThat(spec.isActive(Hardfork.SHANGHAI, MERGE - 1, last.timestamp())).isFalse();
            assertThat(spec.isActive(Hardfork.LONDON, 0, chain.header(0).timestamp())).isTrue();
            assertThat(chain.store().verify().problems()).isEmpty();
        }
    }

    @Test
    void aChainMergedFromGenesisKeepsItsDigest() {
        ChainParameters merged = ChainParameters.mainnetLike(31).withShape(ChainShape.SMALL);
        assertThat(merged.withMergeAt(0).digestName()).isEqualTo(merged.digestName());
        assertThat(PARAMS.digestName()).isNotEqualTo(merged.digestName());
    }
}
