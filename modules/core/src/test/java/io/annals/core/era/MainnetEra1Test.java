package io.annals.core.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.chain.Chains;
import io.annals.core.chain.KnownEpochs;
import io.annals.core.types.Hash;
import io.annals.core.util.Hex;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The published era1 file of mainnet's first epoch, read and verified end to end. */
class MainnetEra1Test {
    static final String NAME = "mainnet-00000-5ec1ffb8.era1";

    static Path resource() {
        try {
            return Path.of(MainnetEra1Test.class.getResource("/era/" + NAME).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theFileIsTheOnePublished() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(resource()));
        assertThat(Chains.MAINNET.knownEpochs().sha256(NAME)).contains(Hex.encode(digest));
    }

    @Test
    void verifiesAgainstMainnetsKnownEpochRoot() throws IOException {
        try (FileChannel channel = FileChannel.open(resource(), StandardOpenOption.READ)) {
            EraFile file = EraFiles.open(channel, EraKind.ERA1, EraLimits.DEFAULT);
            assertThat(file.startBlock()).isZero();
            assertThat(file.blockCount()).isEqualTo(8192);
            EpochCheck check = new EpochVerifier(Chains.MAINNET).verify(file);
            assertThat(check.trust()).isEqualTo(KnownEpochs.Verdict.MATCHES_ROOT);
            assertThat(check.accumulatorRoot())
                    .contains(Chains.MAINNET.knownEpochs().root(0).orElseThrow());
            assertThat(check.accumulatorRoot()).isEqualTo(file.accumulatorRoot());
            assertThat(check.initialTotalDifficulty()).contains(BigInteger.ZERO);
            // block 0's total difficulty is the genesis difficulty, 2^34
            assertThat(file.block(0).totalDifficulty()).contains(BigInteger.ONE.shiftLeft(34));
            assertThat(check.firstParentHash()).isEqualTo(Hash.ZERO);
        }
    }

    @Test
    void theSameFileIsRefusedAsAnotherNetworksHistory() throws IOException {
        try (FileChannel channel = FileChannel.open(resource(), StandardOpenOption.READ)) {
            EraFile file = EraFiles.open(channel, EraKind.ERA1, EraLimits.DEFAULT);
            assertThatThrownBy(() -> new EpochVerifier(Chains.SEPOLIA).verify(file))
                    .isInstanceOf(EraFormatException.class)
                    .hasMessageContaining("block 0")
                    .hasMessageContaining("not the genesis of sepolia");
        }
    }

    @Test
    void headersHashToMainnetsBlocks() throws IOException {
        try (FileChannel channel = FileChannel.open(resource(), StandardOpenOption.READ)) {
            EraFile file = EraFiles.open(channel, EraKind.ERA1, EraLimits.DEFAULT);
            DecodedBlock genesis = EpochVerifier.decode(file.block(0), ReceiptForm.FULL);
            assertThat(genesis.header().hash()).isEqualTo(Chains.MAINNET.genesisHash());
            DecodedBlock first = EpochVerifier.decode(file.block(1), ReceiptForm.FULL);
            // mainnet block 1, as every explorer lists it
            assertThat(first.header().hash())
                    .isEqualTo(
                            Hash.fromHex(
                                    "0x88e96d4537bea4d9c05d12549907b32561d3bf31f45aae734cdc119f13406cb6"));
        }
    }
}
