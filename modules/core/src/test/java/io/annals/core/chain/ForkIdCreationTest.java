package io.annals.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.annals.core.types.Hash;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fork ids a chain announces, against the vectors of EIP-2124 itself (ethereum/EIPs,
 * EIPS/eip-2124.md, "Test Cases": mainnet, Ropsten, Rinkeby and Görli as of Istanbul/Petersburg)
 * and of go-ethereum's core/forkid/forkid_test.go (TestCreation: mainnet, Sepolia and Hoodi through
 * the BPO2 fork; TestTimeBasedForkInGenesis).
 */
class ForkIdCreationTest {

    /** EIP-2124 mainnet vectors, written when Petersburg was the last fork. */
    @ParameterizedTest(name = "head {0}")
    @CsvSource({
        "0, fc64ec04, 1150000",
        "1149999, fc64ec04, 1150000",
        "1150000, 97c2c34c, 1920000",
        "1919999, 97c2c34c, 1920000",
        "1920000, 91d1f948, 2463000",
        "2462999, 91d1f948, 2463000",
        "2463000, 7a64da13, 2675000",
        "2674999, 7a64da13, 2675000",
        "2675000, 3edd5b10, 4370000",
        "4369999, 3edd5b10, 4370000",
        "4370000, a00bc324, 7280000",
        "7279999, a00bc324, 7280000",
        "7280000, 668db0af, 0",
        "7987396, 668db0af, 0",
    })
    void eipMainnetAsOfPetersburg(long head, String hash, long next) {
        ChainSpec petersburgMainnet = Chains.MAINNET.withForksUpTo(Hardfork.PETERSBURG);
        assertThat(petersburgMainnet.forkIdAt(head, 0)).isEqualTo(id(hash, next));
    }

    /** EIP-2124 Ropsten vectors (Istanbul cap), with Ropsten described in HOCON. */
    @ParameterizedTest(name = "head {0}")
    @CsvSource({
        "0, 30c7ddbc, 10",
        "9, 30c7ddbc, 10",
        "10, 63760190, 1700000",
        "1699999, 63760190, 1700000",
        "1700000, 3ea159c7, 4230000",
        "4229999, 3ea159c7, 4230000",
        "4230000, 97b544f3, 4939394",
        "4939393, 97b544f3, 4939394",
        "4939394, d6e2149b, 6485846",
        "6485845, d6e2149b, 6485846",
        "6485846, 4bc66396, 0",
        "7500000, 4bc66396, 0",
    })
    void eipRopsten(long head, String hash, long next) {
        ChainSpec ropsten =
                ChainSpecConfig.parse(
                        ConfigFactory.parseString(
                                """
                name = ropsten, network-id = 3
                genesis-hash = "0x41941023680923e0fe4d74a34bdac8141f2540e3ae90623718e47d66d1ca4a2d"
                forks = [
                  { name = homestead, block = 0 }, { name = tangerine-whistle, block = 0 }
                  { name = spurious-dragon, block = 10 }, { name = byzantium, block = 1700000 }
                  { name = constantinople, block = 4230000 }, { name = petersburg, block = 4939394 }
                  { name = istanbul, block = 6485846 }
                ]
                """),
                        "ropsten");
        assertThat(ropsten.forkIdAt(head, 0)).isEqualTo(id(hash, next));
    }

    /** EIP-2124 Rinkeby vectors (Istanbul cap): forks at blocks 1, 2 and 3 each count. */
    @ParameterizedTest(name = "head {0}")
    @CsvSource({
        "0, 3b8e0691, 1",
        "1, 60949295, 2",
        "2, 8bde40dd, 3",
        "3, cb3a64bb, 1035301",
        "1035300, cb3a64bb, 1035301",
        "1035301, 8d748b57, 3660663",
        "3660662, 8d748b57, 3660663",
        "3660663, e49cab14, 4321234",
        "4321233, e49cab14, 4321234",
        "4321234, afec6b27, 5435345",
        "5435344, afec6b27, 5435345",
        "5435345, cbdb8838, 0",
        "6000000, cbdb8838, 0",
    })
    void eipRinkeby(long head, String hash, long next) {
        assertThat(rinkeby().forkIdAt(head, 0)).isEqualTo(id(hash, next));
    }

    /** EIP-2124 Görli vectors (Istanbul cap): every fork up to Petersburg is in the genesis. */
    @ParameterizedTest(name = "head {0}")
    @CsvSource({
        "0, a3f5ab08, 1561651",
        "1561650, a3f5ab08, 1561651",
        "1561651, c25efa5c, 0",
        "2000000, c25efa5c, 0",
    })
    void eipGoerli(long head, String hash, long next) {
        ChainSpec goerli =
                ChainSpecConfig.parse(
                        ConfigFactory.parseString(
                                """
                name = goerli, network-id = 5
                genesis-hash = "0xbf7e331f7f7c1dd2e05159666b3bf8bc7a8a3a9eb1d518969eab529dd9b88c1a"
                forks = [
                  { name = homestead, block = 0 }, { name = tangerine-whistle, block = 0 }
                  { name = spurious-dragon, block = 0 }, { name = byzantium, block = 0 }
                  { name = constantinople, block = 0 }, { name = petersburg, block = 0 }
                  { name = istanbul, block = 1561651 }
                ]
                """),
                        "goerli");
        assertThat(goerli.forkIdAt(head, 0)).isEqualTo(id(hash, next));
    }

    /** go-ethereum TestCreation, mainnet: block forks, then timestamp forks through BPO2. */
    @ParameterizedTest(name = "head {0} at {1}")
    @CsvSource({
        "0, 0, fc64ec04, 1150000",
        "1149999, 0, fc64ec04, 1150000",
        "1150000, 0, 97c2c34c, 1920000",
        "1919999, 0, 97c2c34c, 1920000",
        "1920000, 0, 91d1f948, 2463000",
        "2462999, 0, 91d1f948, 2463000",
        "2463000, 0, 7a64da13, 2675000",
        "2674999, 0, 7a64da13, 2675000",
        "2675000, 0, 3edd5b10, 4370000",
        "4369999, 0, 3edd5b10, 4370000",
        "4370000, 0, a00bc324, 7280000",
        "7279999, 0, a00bc324, 7280000",
        "7280000, 0, 668db0af, 9069000",
        "9068999, 0, 668db0af, 9069000",
        "9069000, 0, 879d6e30, 9200000",
        "9199999, 0, 879d6e30, 9200000",
        "9200000, 0, e029e991, 12244000",
        "12243999, 0, e029e991, 12244000",
        "12244000, 0, 0eb440f6, 12965000",
        "12964999, 0, 0eb440f6, 12965000",
        "12965000, 0, b715077d, 13773000",
        "13772999, 0, b715077d, 13773000",
        "13773000, 0, 20c327fc, 15050000",
        "15049999, 0, 20c327fc, 15050000",
        "15050000, 0, f0afd0e3, 1681338455",
        "20000000, 1681338454, f0afd0e3, 1681338455",
        "20000000, 1681338455, dce96c2d, 1710338135",
        "30000000, 1710338134, dce96c2d, 1710338135",
        "30000000, 1710338135, 9f3d2254, 1746612311",
        "30000000, 1746022486, 9f3d2254, 1746612311",
        "30000000, 1746612311, c376cf8b, 1764798551",
        "30000000, 1764798550, c376cf8b, 1764798551",
        "30000000, 1764798551, 5167e2a6, 1765290071",
        "30000000, 1765290070, 5167e2a6, 1765290071",
        "30000000, 1765290071, cba2a1c0, 1767747671",
        "30000000, 1767747670, cba2a1c0, 1767747671",
        "30000000, 1767747671, 07c9462e, 0",
        "50000000, 2000000000, 07c9462e, 0",
    })
    void gethMainnet(long head, long time, String hash, long next) {
        assertThat(Chains.MAINNET.forkIdAt(head, time)).isEqualTo(id(hash, next));
    }

    /** go-ethereum TestCreation, Sepolia: the MergeNetsplit block fork, then timestamp forks. */
    @ParameterizedTest(name = "head {0} at {1}")
    @CsvSource({
        "0, 0, fe3366e7, 1735371",
        "1735370, 0, fe3366e7, 1735371",
        "1735371, 0, b96cbd13, 1677557088",
        "1735372, 1677557087, b96cbd13, 1677557088",
        "1735372, 1677557088, f7f9bc08, 1706655072",
        "1735372, 1706655071, f7f9bc08, 1706655072",
        "1735372, 1706655072, 88cf81d9, 1741159776",
        "1735372, 1741159775, 88cf81d9, 1741159776",
        "1735372, 1741159776, ed88b5fd, 1760427360",
        "1735372, 1760427359, ed88b5fd, 1760427360",
        "1735372, 1760427360, e2ae4999, 1761017184",
        "1735372, 1761017183, e2ae4999, 1761017184",
        "1735372, 1761017184, 56078a1e, 1761607008",
        "1735372, 1761607007, 56078a1e, 1761607008",
        "1735372, 1761607008, 268956b6, 0",
        "1735372, 2000000000, 268956b6, 0",
    })
    void gethSepolia(long head, long time, String hash, long next) {
        assertThat(Chains.SEPOLIA.forkIdAt(head, time)).isEqualTo(id(hash, next));
    }

    /** go-ethereum TestCreation, Hoodi: Shanghai and Cancun are in the genesis, Prague is first. */
    @ParameterizedTest(name = "head {0} at {1}")
    @CsvSource({
        "0, 0, bef71d30, 1742999832",
        "123, 1742999831, bef71d30, 1742999832",
        "123, 1742999832, 0929e24e, 1761677592",
        "123, 1761677591, 0929e24e, 1761677592",
        "123, 1761677592, e7e0e7ff, 1762365720",
        "123, 1762365719, e7e0e7ff, 1762365720",
        "123, 1762365720, 3893353e, 1762955544",
        "123, 1762955543, 3893353e, 1762955544",
        "123, 1762955544, 23aa1351, 0",
        "123, 2000000000, 23aa1351, 0",
    })
    void gethHoodi(long head, long time, String hash, long next) {
        assertThat(Chains.HOODI.forkIdAt(head, time)).isEqualTo(id(hash, next));
    }

    /**
     * go-ethereum TestTimeBasedForkInGenesis: a timestamp fork before or at the genesis timestamp
     * is part of the genesis; the fork id hash is the bare genesis checksum.
     */
    @Test
    void timestampForksAtOrBeforeGenesisAreNotForks() {
        long genesisTime = 1_690_475_657L;
        Hash genesis =
                Hash.fromHex("0x1111111111111111111111111111111111111111111111111111111111111111");
        CRC32 crc = new CRC32();
        crc.update(genesis.unsafeArray());
        int genesisChecksum = (int) crc.getValue();
        long[][] shanghaiAndCancun = {
            {genesisTime - 1, genesisTime + 1},
            {genesisTime, genesisTime + 1},
            {genesisTime + 1, genesisTime + 2},
        };
        for (long[] times : shanghaiAndCancun) {
            ChainSpec chain = mergedChain(genesis, genesisTime, times[0], times[1]);
            assertThat(chain.forkIdAt(0, genesisTime))
                    .isEqualTo(new ForkId(genesisChecksum, genesisTime + 1));
        }
    }

    static ChainSpec rinkeby() {
        return ChainSpecConfig.parse(
                ConfigFactory.parseString(
                        """
                name = rinkeby, network-id = 4
                genesis-hash = "0x6341fd3daf94b748c72ced5a5b26028f2474f5f00d824504e4fa37a75767e177"
                forks = [
                  { name = homestead, block = 1 }, { name = tangerine-whistle, block = 2 }
                  { name = spurious-dragon, block = 3 }, { name = byzantium, block = 1035301 }
                  { name = constantinople, block = 3660663 }, { name = petersburg, block = 4321234 }
                  { name = istanbul, block = 5435345 }
                ]
                """),
                "rinkeby");
    }

    private static ChainSpec mergedChain(
            Hash genesis, long genesisTime, long shanghai, long cancun) {
        List<Fork> forks = new java.util.ArrayList<>();
        for (Hardfork fork : Hardfork.values()) {
            if (fork.required() && fork.trigger() == Hardfork.Trigger.BLOCK) {
                forks.add(Fork.atBlock(fork, 0));
            }
        }
        forks.add(Fork.atTimestamp(Hardfork.SHANGHAI, shanghai));
        forks.add(Fork.atTimestamp(Hardfork.CANCUN, cancun));
        return new ChainSpec(
                "genesis-time",
                1337,
                1337,
                genesis,
                genesisTime,
                forks,
                Optional.of(new Merge(java.math.BigInteger.ZERO, 0)));
    }

    static ForkId id(String hash, long next) {
        return new ForkId(Integer.parseUnsignedInt(hash, 16), next);
    }
}
