package io.annals.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Hash;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownEpochsTest {

    @Test
    void mainnetKnowsEveryPreMergeEpochRootAndEveryPublishedFile() {
        KnownEpochs mainnet = Chains.MAINNET.knownEpochs();
        assertThat(mainnet.rootCount()).isEqualTo(1897);
        assertThat(mainnet.publishedFiles()).isEqualTo(1897);
        Hash epoch0 = mainnet.root(0).orElseThrow();
        assertThat(epoch0.toHex()).startsWith("0x5ec1ffb8");
        assertThat(mainnet.check(0, epoch0)).isEqualTo(KnownEpochs.Verdict.MATCHES_ROOT);
        assertThat(mainnet.check(0, Hash.ZERO)).isEqualTo(KnownEpochs.Verdict.MISMATCH);
        assertThat(mainnet.check(1897, epoch0)).isEqualTo(KnownEpochs.Verdict.UNKNOWN);
        assertThat(mainnet.sha256("mainnet-01896-e6ebe562.era1"))
                .contains("6f7cc262142969b3b06952cae4e0a2ff75710217beffd259a6128b60f2b8b23c");
    }

    @Test
    void everyPublishedMainnetFileNameCarriesThePrefixOfItsKnownRoot() {
        KnownEpochs mainnet = Chains.MAINNET.knownEpochs();
        for (long epoch = 0; epoch < 1897; epoch++) {
            String prefix = mainnet.root(epoch).orElseThrow().toHex().substring(2, 10);
            String name = String.format("mainnet-%05d-%s.era1", epoch, prefix);
            assertThat(mainnet.sha256(name)).as(name).isPresent();
        }
    }

    @Test
    void sepoliaKnowsTwoRootsAndThePrefixesOfTheRest() {
        KnownEpochs sepolia = Chains.SEPOLIA.knownEpochs();
        assertThat(sepolia.rootCount()).isEqualTo(2);
        assertThat(sepolia.publishedFiles()).isEqualTo(183);
        Hash epoch21 = sepolia.root(21).orElseThrow();
        assertThat(sepolia.check(21, epoch21)).isEqualTo(KnownEpochs.Verdict.MATCHES_ROOT);
        // epoch 5's file is published as sepolia-00005-<prefix>.era1: only the prefix is known
        String prefix = sepolia.expected(5).orElseThrow().substring(2, 10);
        Hash matching = Hash.fromHex("0x" + prefix + "00".repeat(28));
        assertThat(sepolia.check(5, matching)).isEqualTo(KnownEpochs.Verdict.MATCHES_PREFIX);
        assertThat(sepolia.check(5, Hash.ZERO)).isEqualTo(KnownEpochs.Verdict.MISMATCH);
    }

    @Test
    void otherChainsPublishNothing() {
        ChainSpec custom =
                new ChainSpec("devnet", 1337, 1337, Hash.ZERO, 0, List.of(), Optional.empty());
        assertThat(custom.knownEpochs()).isSameAs(KnownEpochs.NONE);
        assertThat(Chains.HOODI.knownEpochs()).isSameAs(KnownEpochs.NONE);
        assertThat(custom.knownEpochs().check(0, Hash.ZERO)).isEqualTo(KnownEpochs.Verdict.UNKNOWN);
    }
}
