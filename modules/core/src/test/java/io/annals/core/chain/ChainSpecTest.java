package io.annals.core.chain;

import static io.annals.core.chain.Hardfork.BERLIN;
import static io.annals.core.chain.Hardfork.CANCUN;
import static io.annals.core.chain.Hardfork.DAO;
import static io.annals.core.chain.Hardfork.GRAY_GLACIER;
import static io.annals.core.chain.Hardfork.LONDON;
import static io.annals.core.chain.Hardfork.PETERSBURG;
import static io.annals.core.chain.Hardfork.PRAGUE;
import static io.annals.core.chain.Hardfork.SHANGHAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.types.Hash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainSpecTest {
    private static final Hash GENESIS = Hash.fromHex("0x" + "ab".repeat(32));

    @Test
    void mainnetHasEveryForkAtItsPublishedActivation() {
        assertThat(Chains.MAINNET.forks())
                .extracting(Fork::toString)
                .containsExactly(
                        "homestead@block 1150000",
                        "dao@block 1920000",
                        "tangerine-whistle@block 2463000",
                        "spurious-dragon@block 2675000",
                        "byzantium@block 4370000",
                        "constantinople@block 7280000",
                        "petersburg@block 7280000",
                        "istanbul@block 9069000",
                        "muir-glacier@block 9200000",
                        "berlin@block 12244000",
                        "london@block 12965000",
                        "arrow-glacier@block 13773000",
                        "gray-glacier@block 15050000",
                        "shanghai@timestamp 1681338455",
                        "cancun@timestamp 1710338135",
                        "prague@timestamp 1746612311",
                        "osaka@timestamp 1764798551",
                        "bpo1@timestamp 1765290071",
                        "bpo2@timestamp 1767747671");
        assertThat(Chains.MAINNET.networkId()).isEqualTo(1);
        assertThat(Chains.MAINNET.chainId()).isEqualTo(1);
        assertThat(Chains.MAINNET.genesisHash().toHex())
                .isEqualTo("0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3");
        assertThat(Chains.MAINNET.merge())
                .hasValue(new Merge(new BigInteger("58750000000000000000000"), 15_537_394));
    }

    @Test
    void testnetsHaveTheirIdentities() {
        assertThat(Chains.SEPOLIA.networkId()).isEqualTo(11_155_111);
        assertThat(Chains.SEPOLIA.genesisHash().toHex())
                .isEqualTo("0x25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9");
        assertThat(Chains.HOODI.networkId()).isEqualTo(560_048);
        assertThat(Chains.HOODI.genesisHash().toHex())
                .isEqualTo("0xbbe312868b376a3001692a646dd2d7d1e4406380dfd86b98aa8a34d1557c971b");
        assertThat(Chains.byName("Sepolia")).containsSame(Chains.SEPOLIA);
        assertThat(Chains.byName("ropsten")).isEmpty();
    }

    @Test
    void answersWhichRulesApplyAtAHead() {
        ChainSpec mainnet = Chains.MAINNET;
        assertThat(mainnet.isActive(LONDON, 12_964_999, 0)).isFalse();
        assertThat(mainnet.isActive(LONDON, 12_965_000, 0)).isTrue();
        assertThat(mainnet.isActive(SHANGHAI, 17_034_869, 1_681_338_443)).isFalse();
        assertThat(mainnet.isActive(SHANGHAI, 17_034_870, 1_681_338_455)).isTrue();
        assertThat(mainnet.isActive(Hardfork.MERGE_NETSPLIT, 20_000_000, 1_700_000_000)).isFalse();
        assertThat(mainnet.latestActive(0, 0)).isEmpty();
        assertThat(mainnet.latestActive(7_280_000, 0)).hasValue(PETERSBURG);
        assertThat(mainnet.latestActive(19_426_589, 1_710_338_135)).hasValue(CANCUN);
        assertThat(mainnet.isPostMerge(15_537_393)).isFalse();
        assertThat(mainnet.isPostMerge(15_537_394)).isTrue();
        assertThat(Chains.HOODI.isPostMerge(0)).isTrue();
    }

    @Test
    void cutsTheScheduleForSoftwareThatKnowsFewerForks() {
        ChainSpec grayGlacier = Chains.MAINNET.withForksUpTo(GRAY_GLACIER);
        assertThat(grayGlacier.forks()).hasSize(13);
        assertThat(grayGlacier.fork(SHANGHAI)).isEmpty();
        assertThat(grayGlacier.genesisHash()).isEqualTo(Chains.MAINNET.genesisHash());
    }

    @Test
    void sortsTheScheduleIntoCanonicalOrder() {
        List<Fork> shuffled = new ArrayList<>(Chains.MAINNET.withForksUpTo(LONDON).forks());
        java.util.Collections.reverse(shuffled);
        ChainSpec chain = chain(shuffled);
        assertThat(chain.forks()).isEqualTo(Chains.MAINNET.withForksUpTo(LONDON).forks());
    }

    @Test
    void rejectsAForkScheduledTwice() {
        List<Fork> forks = new ArrayList<>(upToBerlinAtZero());
        forks.add(Fork.atBlock(BERLIN, 5));
        assertThatThrownBy(() -> chain(forks)).hasMessageContaining("berlin is scheduled twice");
    }

    @Test
    void rejectsASchedulesThatGoesBackwards() {
        List<Fork> forks = new ArrayList<>(upToBerlinAtZero());
        forks.add(Fork.atBlock(LONDON, 10));
        forks.set(forks.size() - 2, Fork.atBlock(BERLIN, 20));
        assertThatThrownBy(() -> chain(forks))
                .hasMessageContaining("london at block 10 would activate before berlin at 20");

        List<Fork> timestamps = new ArrayList<>(upToBerlinAtZero());
        timestamps.add(Fork.atBlock(LONDON, 0));
        timestamps.add(Fork.atTimestamp(SHANGHAI, 100));
        timestamps.add(Fork.atTimestamp(CANCUN, 50));
        assertThatThrownBy(() -> chain(timestamps)).hasMessageContaining("cancun at timestamp 50");
    }

    @Test
    void rejectsARequiredForkLeftOut() {
        List<Fork> forks = new ArrayList<>(upToBerlinAtZero());
        forks.removeIf(fork -> fork.hardfork() == Hardfork.ISTANBUL);
        assertThatThrownBy(() -> chain(forks))
                .hasMessageContaining("berlin is scheduled but istanbul is not");
        // optional forks may be left out
        assertThat(upToBerlinAtZero()).noneMatch(fork -> fork.hardfork() == DAO);
        assertThat(chain(upToBerlinAtZero()).fork(DAO)).isEmpty();
    }

    @Test
    void rejectsActivationsOfTheWrongKindAndBadIdentities() {
        assertThatThrownBy(() -> Fork.atTimestamp(LONDON, 0))
                .hasMessageContaining("london activates by block");
        assertThatThrownBy(() -> Fork.atBlock(PRAGUE, 0))
                .hasMessageContaining("prague activates by timestamp");
        assertThatThrownBy(() -> Fork.atBlock(LONDON, -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new ChainSpec("x", 0, 1, GENESIS, 0, List.of(), Optional.empty()))
                .hasMessageContaining("network id must be positive");
        assertThatThrownBy(() -> new ChainSpec(" ", 1, 1, GENESIS, 0, List.of(), Optional.empty()))
                .hasMessageContaining("needs a name");
    }

    private static List<Fork> upToBerlinAtZero() {
        List<Fork> forks = new ArrayList<>();
        for (Hardfork fork : Hardfork.values()) {
            if (fork.required() && fork.compareTo(BERLIN) <= 0) {
                forks.add(Fork.atBlock(fork, 0));
            }
        }
        return forks;
    }

    private static ChainSpec chain(List<Fork> forks) {
        return new ChainSpec("test", 1337, 1337, GENESIS, 0, forks, Optional.empty());
    }
}
