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

    /**
     * The public key that signs the Ethereum Foundation's DNS node lists, as go-ethereum ships it
     * (params/bootnodes.go, {@code dnsPrefix}); the lists are {@code all.<network>.ethdisco.net}
     * (https://github.com/ethereum/discv4-dns-lists).
     */
    private static final String DNS_PREFIX =
            "enrtree://AKA3AM6LPBYEUDMVNU3BSVQJ5AD45Y7YPOHJLEF6W26QOE4VTUDPE@";

    /** go-ethereum params/bootnodes.go, MainnetBootnodes (Ethereum Foundation Go bootnodes). */
    private static final List<String> MAINNET_BOOTNODES =
            List.of(
                    "enode://d860a01f9722d78051619d1e2351aba3f43f943f6f00718d1b9baa4101932a1f5011f16bb2b1bb35db20d6fe28fa0bf09636d26a87d31de9ec6203eeedb1f666@18.138.108.67:30303",
                    "enode://22a8232c3abc76a16ae9d6c3b164f98775fe226f0917b0ca871128a74a8e9630b458460865bab457221f1d448dd9791d24c4e5d88786180ac185df813a68d4de@3.209.45.79:30303",
                    "enode://2b252ab6a1d0f971d9722cb839a42cb81db019ba44c08754628ab4a823487071b5695317c8ccd085219c3a03af063495b2f1da8d18218da2d6a82981b45e6ffc@65.108.70.101:30303",
                    "enode://4aeb4ab6c14b23e2c4cfdce879c04b0748a20d8e9b59e25ded2a08143e265c6c25936e74cbc8e641e3312ca288673d91f2f93f8e277de3cfa444ecdaaf982052@157.90.35.166:30303");

    /** go-ethereum params/bootnodes.go, SepoliaBootnodes (EF DevOps). */
    private static final List<String> SEPOLIA_BOOTNODES =
            List.of(
                    "enode://4e5e92199ee224a01932a377160aa432f31d0b351f84ab413a8e0a42f4f36476f8fb1cbe914af0d9aef0d51665c214cf653c651c4bbd9d5550a934f241f1682b@138.197.51.181:30303",
                    "enode://143e11fb766781d22d92a2e33f8f104cddae4411a122295ed1fdb6638de96a6ce65f5b7c964ba3763bba27961738fef7d3ecc739268f3e5e771fb4c87b6234ba@146.190.1.103:30303",
                    "enode://8b61dc2d06c3f96fddcbebb0efb29d60d3598650275dc469c22229d3e5620369b0d3dedafd929835fe7f489618f19f456fe7c0df572bf2d914a9f4e006f783a9@170.64.250.88:30303",
                    "enode://10d62eff032205fcef19497f35ca8477bea0eadfff6d769a147e895d8b2b8f8ae6341630c645c30f5df6e67547c03494ced3d9c5764e8622a26587b083b028e8@139.59.49.206:30303",
                    "enode://9e9492e2e8836114cc75f5b929784f4f46c324ad01daf87d956f98b3b6c5fcba95524d6e5cf9861dc96a2c8a171ea7105bb554a197455058de185fa870970c7c@138.68.123.152:30303");

    /** go-ethereum params/bootnodes.go, HoodiBootnodes (EF DevOps). */
    private static final List<String> HOODI_BOOTNODES =
            List.of(
                    "enode://2112dd3839dd752813d4df7f40936f06829fc54c0e051a93967c26e5f5d27d99d886b57b4ffcc3c475e930ec9e79c56ef1dbb7d86ca5ee83a9d2ccf36e5c240c@134.209.138.84:30303",
                    "enode://60203fcb3524e07c5df60a14ae1c9c5b24023ea5d47463dfae051d2c9f3219f309657537576090ca0ae641f73d419f53d8e8000d7a464319d4784acd7d2abc41@209.38.124.160:30303",
                    "enode://8ae4a48101b2299597341263da0deb47cc38aa4d3ef4b7430b897d49bfa10eb1ccfe1655679b1ed46928ef177fbf21b86837bd724400196c508427a6f41602cd@134.199.184.23:30303");

    /**
     * The bootnodes and DNS list of a built-in chain (go-ethereum's, cited above); {@link
     * NetworkPeers#NONE} for any other chain.
     */
    public static NetworkPeers peersOf(ChainSpec chain) {
        if (chain.equals(MAINNET)) {
            return new NetworkPeers(
                    MAINNET_BOOTNODES, List.of(DNS_PREFIX + "all.mainnet.ethdisco.net"));
        }
        if (chain.equals(SEPOLIA)) {
            return new NetworkPeers(
                    SEPOLIA_BOOTNODES, List.of(DNS_PREFIX + "all.sepolia.ethdisco.net"));
        }
        if (chain.equals(HOODI)) {
            return new NetworkPeers(
                    HOODI_BOOTNODES, List.of(DNS_PREFIX + "all.hoodi.ethdisco.net"));
        }
        return NetworkPeers.NONE;
    }

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
