package io.annals.core.chain;

import static io.annals.core.chain.Hardfork.ARROW_GLACIER;
import static io.annals.core.chain.Hardfork.BERLIN;
import static io.annals.core.chain.Hardfork.BPO1;
import static io.annals.core.chain.Hardfork.BPO2;
import static io.annals.core.chain.Hardfork.BYZANTIUM;
import static io.annals.core.chain.Hardfork.CANCUN;
import static io.annals.core.chain.Hardfork.CONSTANTINOPLE;
import static io.annals.core.chain.Hardfork.DAO;
import static io.annals.core.chain.Hardfork.GRAY_GLACIER;
import static io.annals.core.chain.Hardfork.HOMESTEAD;
import static io.annals.core.chain.Hardfork.ISTANBUL;
import static io.annals.core.chain.Hardfork.LONDON;
import static io.annals.core.chain.Hardfork.MERGE_NETSPLIT;
import static io.annals.core.chain.Hardfork.MUIR_GLACIER;
import static io.annals.core.chain.Hardfork.OSAKA;
import static io.annals.core.chain.Hardfork.PETERSBURG;
import static io.annals.core.chain.Hardfork.PRAGUE;
import static io.annals.core.chain.Hardfork.SHANGHAI;
import static io.annals.core.chain.Hardfork.SPURIOUS_DRAGON;
import static io.annals.core.chain.Hardfork.TANGERINE_WHISTLE;

import io.annals.core.types.Hash;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The public chains Annals knows out of the box.
 *
 * <p>Every number is taken from go-ethereum's params/config.go (fork schedules, chain ids, genesis
 * hashes, terminal total difficulties), core/genesis.go (genesis timestamps) and cmd/utils/flags.go
 * (network ids), and the first proof-of-stake blocks from ethereumjs'
 * packages/common/src/chains.ts. The fork ids they produce are checked against go-ethereum's
 * core/forkid/forkid_test.go in the tests.
 */
public final class Chains {
    /** Ethereum mainnet: network and chain id 1. */
    public static final ChainSpec MAINNET =
            new ChainSpec(
                    "mainnet",
                    1,
                    1,
                    Hash.fromHex(
                            "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"),
                    0,
                    List.of(
                            Fork.atBlock(HOMESTEAD, 1_150_000),
                            Fork.atBlock(DAO, 1_920_000),
                            Fork.atBlock(TANGERINE_WHISTLE, 2_463_000),
                            Fork.atBlock(SPURIOUS_DRAGON, 2_675_000),
                            Fork.atBlock(BYZANTIUM, 4_370_000),
                            Fork.atBlock(CONSTANTINOPLE, 7_280_000),
                            Fork.atBlock(PETERSBURG, 7_280_000),
                            Fork.atBlock(ISTANBUL, 9_069_000),
                            Fork.atBlock(MUIR_GLACIER, 9_200_000),
                            Fork.atBlock(BERLIN, 12_244_000),
                            Fork.atBlock(LONDON, 12_965_000),
                            Fork.atBlock(ARROW_GLACIER, 13_773_000),
                            Fork.atBlock(GRAY_GLACIER, 15_050_000),
                            Fork.atTimestamp(SHANGHAI, 1_681_338_455),
                            Fork.atTimestamp(CANCUN, 1_710_338_135),
                            Fork.atTimestamp(PRAGUE, 1_746_612_311),
                            Fork.atTimestamp(OSAKA, 1_764_798_551),
                            Fork.atTimestamp(BPO1, 1_765_290_071),
                            Fork.atTimestamp(BPO2, 1_767_747_671)),
                    Optional.of(new Merge(new BigInteger("58750000000000000000000"), 15_537_394)));

    /** Sepolia, the proof-of-stake test network that replaced Ropsten and Goerli. */
    public static final ChainSpec SEPOLIA =
            new ChainSpec(
                    "sepolia",
                    11_155_111,
                    11_155_111,
                    Hash.fromHex(
                            "0x25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9"),
                    1_633_267_481,
                    List.of(
                            Fork.atBlock(HOMESTEAD, 0),
                            Fork.atBlock(TANGERINE_WHISTLE, 0),
                            Fork.atBlock(SPURIOUS_DRAGON, 0),
                            Fork.atBlock(BYZANTIUM, 0),
                            Fork.atBlock(CONSTANTINOPLE, 0),
                            Fork.atBlock(PETERSBURG, 0),
                            Fork.atBlock(ISTANBUL, 0),
                            Fork.atBlock(MUIR_GLACIER, 0),
                            Fork.atBlock(BERLIN, 0),
                            Fork.atBlock(LONDON, 0),
                            Fork.atBlock(MERGE_NETSPLIT, 1_735_371),
                            Fork.atTimestamp(SHANGHAI, 1_677_557_088),
                            Fork.atTimestamp(CANCUN, 1_706_655_072),
                            Fork.atTimestamp(PRAGUE, 1_741_159_776),
                            Fork.atTimestamp(OSAKA, 1_760_427_360),
                            Fork.atTimestamp(BPO1, 1_761_017_184),
                            Fork.atTimestamp(BPO2, 1_761_607_008)),
                    Optional.of(new Merge(new BigInteger("17000000000000000"), 1_450_409)));

    /** Hoodi, the proof-of-stake test network launched in 2025, merged from genesis. */
    public static final ChainSpec HOODI =
            new ChainSpec(
                    "hoodi",
                    560_048,
                    560_048,
                    Hash.fromHex(
                            "0xbbe312868b376a3001692a646dd2d7d1e4406380dfd86b98aa8a34d1557c971b"),
                    1_742_212_800,
                    List.of(
                            Fork.atBlock(HOMESTEAD, 0),
                            Fork.atBlock(TANGERINE_WHISTLE, 0),
                            Fork.atBlock(SPURIOUS_DRAGON, 0),
                            Fork.atBlock(BYZANTIUM, 0),
                            Fork.atBlock(CONSTANTINOPLE, 0),
                            Fork.atBlock(PETERSBURG, 0),
                            Fork.atBlock(ISTANBUL, 0),
                            Fork.atBlock(MUIR_GLACIER, 0),
                            Fork.atBlock(BERLIN, 0),
                            Fork.atBlock(LONDON, 0),
                            Fork.atBlock(MERGE_NETSPLIT, 0),
                            Fork.atTimestamp(SHANGHAI, 0),
                            Fork.atTimestamp(CANCUN, 0),
                            Fork.atTimestamp(PRAGUE, 1_742_999_832),
                            Fork.atTimestamp(OSAKA, 1_761_677_592),
                            Fork.atTimestamp(BPO1, 1_762_365_720),
                            Fork.atTimestamp(BPO2, 1_762_955_544)),
                    Optional.of(new Merge(BigInteger.ZERO, 0)));

    private static final List<ChainSpec> ALL = List.of(MAINNET, SEPOLIA, HOODI);

    private Chains() {}

    public static List<ChainSpec> all() {
        return ALL;
    }

    /** The built-in chain called {@code name} (case-insensitive). */
    public static Optional<ChainSpec> byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(chain -> chain.name().equals(wanted)).findFirst();
    }
}
