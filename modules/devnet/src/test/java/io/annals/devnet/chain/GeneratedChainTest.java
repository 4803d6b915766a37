package io.annals.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Hash;
import io.annals.store.FullBlock;
import io.annals.store.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated chain in a real history store (LevelDB and segment files in a temporary folder):
 * what is generated in parallel equals what is generated block by block, the store verifies, a
 * second open reuses the blocks, and a reorg's branch is rolled back on the next open so the store
 * again holds the original chain.
 */
class GeneratedChainTest {
    private static final ChainParameters PARAMS =
            ChainParameters.mainnetLike(21).withShape(ChainShape.SMALL);

    @TempDir Path dir;

    private static List<Hash> sequentialHashes(int count) {
        BlockGenerator generator = new BlockGenerator(PARAMS);
        List<Hash> hashes = new ArrayList<>();
        FullBlock block = generator.genesis();
        hashes.add(block.hash());
        for (int i = 0; i < count; i++) {
            block = generator.next(block.header(), 0);
            hashes.add(block.hash());
        }
        return hashes;
    }

    private static List<Hash> storedHashes(GeneratedChain chain, long head) {
        List<Hash> hashes = new ArrayList<>();
        for (long n = 0; n <= head; n++) {
            hashes.add(chain.header(n).hash());
        }
        return hashes;
    }

    @Test
    void parallelGenerationEqualsSequentialAndTheStoreVerifies() {
        try (GeneratedChain chain = GeneratedChain.open(dir, new BlockGenerator(PARAMS));
                ParallelComposer composer = new ParallelComposer(3)) {
            List<Long> progress = new ArrayList<>();
            chain.extendTo(40, 0, composer, progress::add);

            assertThat(chain.storedHead()).isEqualTo(40);
            assertThat(progress).last().isEqualTo(40L);
            assertThat(storedHashes(chain, 40)).isEqualTo(sequentialHashes(40));
            VerificationReport report = chain.store().verify();
            assertThat(report.problems()).isEmpty();
            assertThat(chain.spec().genesisHash()).isEqualTo(chain.genesisHash());
            assertThat(
                            Files.isDirectory(
                                    dir.resolve("chain-" + PARAMS.digestName()).resolve("store")))
                    .isTrue();
        }
    }

    @Test
    void aSecondOpenReusesTheGeneratedBlocks() {
        try (GeneratedChain chain = GeneratedChain.open(dir, new BlockGenerator(PARAMS));
                ParallelComposer composer = new ParallelComposer(0)) {
            chain.extendTo(25, 0, composer, n -> {});
        }
        try (GeneratedChain chain = GeneratedChain.open(dir, new BlockGenerator(PARAMS))) {
            assertThat(chain.storedHead()).isEqualTo(25);
            GeneratedChain.Produced reused = chain.produce(25, 0);
            assertThat(reused.generated()).as("block 25 comes from the store").isEmpty();
            GeneratedChain.Produced fresh = chain.produce(26, 0);
            assertThat(fresh.generated()).isPresent();
            assertThat(storedHashes(chain, 26)).isEqualTo(sequentialHashes(26));
        }
        // other parameters: another store beside it, never this one
        try (GeneratedChain other =
                GeneratedChain.open(dir, new BlockGenerator(PARAMS.withSeed(22)))) {
            assertThat(other.storedHead()).isZero();
        }
    }

    @Test
    void aReorgReplacesTheTopAndTheNextOpenRestoresTheOriginalChain() {
        List<Hash> original = sequentialHashes(30);
        try (GeneratedChain chain = GeneratedChain.open(dir, new BlockGenerator(PARAMS));
                ParallelComposer composer = new ParallelComposer(0)) {
            chain.extendTo(30, 0, composer, n -> {});
            List<FullBlock> siblings = chain.replaceTop(26, 30, 1);

            assertThat(siblings).extracting(FullBlock::number).containsExactly(27L, 28L, 29L, 30L);
            assertThat(siblings.get(0).header().parentHash()).isEqualTo(original.get(26));
            List<Hash> now = storedHashes(chain, 30);
            assertThat(now.subList(0, 27)).isEqualTo(original.subList(0, 27));
            for (int n = 27; n <= 30; n++) {
                assertThat(now.get(n)).isNotEqualTo(original.get(n));
            }
            assertThat(chain.store().blockNumber(original.get(28))).isEmpty();
            assertThat(chain.store().verify().problems()).isEmpty();
        }
        try (GeneratedChain chain = GeneratedChain.open(dir, new BlockGenerator(PARAMS))) {
            assertThat(chain.storedHead()).as("rolled back to the fork point").isEqualTo(26);
            for (long n = 27; n <= 30; n++) {
                chain.produce(n, 0);
            }
            assertThat(storedHashes(chain, 30)).isEqualTo(original);
        }
    }
}
