package io.annals.core.chain;

import static io.annals.core.chain.ForkIdCreationTest.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.util.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Validation of remote fork ids: the table of EIP-2124 (ethereum/EIPs, EIPS/eip-2124.md, mainnet as
 * of Petersburg) and go-ethereum's core/forkid/forkid_test.go TestValidation (mainnet without
 * timestamp forks, and mainnet through BPO2 for the block-to-timestamp transition and timestamp
 * forks). Expected verdicts: the EIP rule that accepts (1b, 2, 3) or the rejection reason.
 */
class ForkIdValidationTest {
    private static final String MAX = "18446744073709551615";

    @ParameterizedTest(name = "head {0}, remote {1}/{2}: {3}")
    @CsvSource({
        // same fork state; a remote future fork or none
        "7987396, 668db0af, 0, 1b",
        "7987396, 668db0af, " + MAX + ", 1b",
        "7279999, a00bc324, 0, 1b",
        "7279999, a00bc324, 7280000, 1b",
        "7279999, a00bc324, " + MAX + ", 1b",
        // remote behind, announcing the fork we passed next
        "7987396, a00bc324, 7280000, 2",
        "7987396, 3edd5b10, 4370000, 2",
        // local behind
        "7279999, 668db0af, 0, 3",
        "4369999, a00bc324, 0, 3",
        // remote stopped at Byzantium
        "7987396, a00bc324, 0, remote-stale",
        // local misses a fork (Petersburg + 0xffffffff), Rinkeby, and forks that passed locally
        "7987396, 5cddc0e1, 0, incompatible",
        "7279999, 5cddc0e1, 0, incompatible",
        "7987396, afec6b27, 0, incompatible",
        "88888888, 668db0af, 88888888, incompatible",
        "7279999, a00bc324, 7279999, incompatible",
    })
    void eipValidationTable(long head, String hash, String next, String verdict) {
        ChainSpec petersburgMainnet = Chains.MAINNET.withForksUpTo(Hardfork.PETERSBURG);
        assertVerdict(
                petersburgMainnet.forkIdValidator().validate(remote(hash, next), head, 0), verdict);
    }

    /** go-ethereum's legacyConfig: mainnet with every timestamp fork removed. */
    @ParameterizedTest(name = "head {0}, remote {1}/{2}: {3}")
    @CsvSource({
        "15050000, f0afd0e3, 0, 1b",
        "15050000, f0afd0e3, " + MAX + ", 1b",
        "7279999, a00bc324, 0, 1b",
        "7279999, a00bc324, 7280000, 1b",
        "7279999, a00bc324, " + MAX + ", 1b",
        "7280000, a00bc324, 7280000, 2",
        "7987396, a00bc324, 7280000, 2",
        "7987396, 3edd5b10, 4370000, 2",
        "7279999, 668db0af, 0, 3",
        "4369999, a00bc324, 0, 3",
        "7987396, a00bc324, 0, remote-stale",
        "7987396, 5cddc0e1, 0, incompatible",
        "7279999, 5cddc0e1, 0, incompatible",
        "7987396, afec6b27, 0, incompatible",
        "88888888, f0afd0e3, 88888888, incompatible",
        "7279999, a00bc324, 7279999, incompatible",
    })
    void gethBlockForks(long head, String hash, String next, String verdict) {
        ChainSpec legacy = Chains.MAINNET.withForksUpTo(Hardfork.GRAY_GLACIER);
        assertVerdict(legacy.forkIdValidator().validate(remote(hash, next), head, 0), verdict);
    }

    @ParameterizedTest(name = "head {0} at {1}, remote {2}/{3}: {4}")
    @CsvSource({
        // block to timestamp transition
        "15050000, 0, f0afd0e3, 0, 1b",
        "15050000, 0, f0afd0e3, 1681338455, 1b",
        "15050000, 0, f0afd0e3, " + MAX + ", 1b",
        "20000000, 1681338455, f0afd0e3, 1681338455, 2",
        "20123456, 1681338456, f0afd0e3, 1681338455, 2",
        "20000000, 1681338455, 20c327fc, 15050000, 2",
        "15050000, 0, dce96c2d, 0, 3",
        "13773000, 0, f0afd0e3, 0, 3",
        "20000000, 1681338455, f0afd0e3, 0, remote-stale",
        "888888888, 1660000000, f0afd0e3, 1660000000, incompatible",
        "19999999, 1667999999, f0afd0e3, 1667999999, incompatible",
        // timestamp forks
        "20000000, 1681338455, dce96c2d, 0, 1b",
        "20000000, 1681338455, dce96c2d, " + MAX + ", 1b",
        "20000000, 1668000000, dce96c2d, 0, 3",
        "20000000, 1668000000, dce96c2d, 1710338135, 3",
        "20000000, 1668000000, dce96c2d, " + MAX + ", 3",
        "21000000, 1710338135, dce96c2d, 1710338135, 2",
        "21123456, 1710338136, dce96c2d, 1710338135, 2",
        "0, 0, 3edd5b10, 1710338135, 3",
        "21000000, 1700000000, 9f3d2254, 0, 3",
        "21000000, 1678000000, c376cf8b, 0, 3",
        "21000000, 1710338135, dce96c2d, 0, remote-stale",
        "20000000, 1681338455, 12345678, 0, incompatible",
        "88888888, 8888888888, 07c9462e, 8888888888, incompatible",
        "20999999, 1699999999, 71147644, 1700000000, incompatible",
    })
    void gethTimestampForks(long head, long time, String hash, String next, String verdict) {
        assertVerdict(
                Chains.MAINNET.forkIdValidator().validate(remote(hash, next), head, time), verdict);
    }

    /**
     * Rule 1a when this node knows no timestamp fork but the remote announces one: a "next" above
     * go-ethereum's timestamp threshold (the timestamp of mainnet block 1) is also compared with
     * the head's timestamp; below it, only with the block number.
     */
    @Test
    void aNextForkThatLooksLikeATimestampIsCheckedAgainstTheHeadTimestamp() {
        ForkIdValidator legacy =
                Chains.MAINNET.withForksUpTo(Hardfork.GRAY_GLACIER).forkIdValidator();
        ForkId announcesShanghai = id("f0afd0e3", 1_681_338_455L);
        assertVerdict(legacy.validate(announcesShanghai, 17_000_000, 1_681_338_454L), "1b");
        assertVerdict(
                legacy.validate(announcesShanghai, 17_000_000, 1_681_338_455L), "incompatible");
        ForkId announcesABlock = id("f0afd0e3", 16_000_000L);
        assertVerdict(legacy.validate(announcesABlock, 15_999_999, 1_700_000_000L), "1b");
        assertVerdict(legacy.validate(announcesABlock, 16_000_000, 1_700_000_000L), "incompatible");
    }

    /** go-ethereum's cases whose remote hash is a known checksum extended by fork 2^64 - 1. */
    @Test
    void remotesThatPassedAForkThisNodeDoesNotKnowAreIncompatible() {
        long unknownFork = -1L; // 2^64 - 1
        assertVerdict(
                Chains.MAINNET
                        .forkIdValidator()
                        .validate(new ForkId(crc32Update(0xf0afd0e3, unknownFork), 0), 15050000, 0),
                "incompatible");
        assertVerdict(
                Chains.MAINNET
                        .forkIdValidator()
                        .validate(new ForkId(crc32Update(0xdce96c2d, unknownFork), 0), 15050000, 0),
                "incompatible");
        assertVerdict(
                Chains.MAINNET
                        .forkIdValidator()
                        .validate(
                                new ForkId(crc32Update(0xdce96c2d, unknownFork), 0),
                                20000000,
                                1681338455),
                "incompatible");
        assertVerdict(
                Chains.MAINNET
                        .forkIdValidator()
                        .validate(
                                new ForkId(crc32Update(0x9f3d2254, unknownFork), 0),
                                20000000,
                                1668000000),
                "incompatible");
    }

    @Test
    void aNodeAcceptsItsOwnForkIdAtEveryHead() {
        for (ChainSpec chain : Chains.all()) {
            ForkIdValidator validator = chain.forkIdValidator();
            long[][] heads = {
                {0, 0},
                {1_150_000, 0},
                {15_050_000, 1_681_338_455},
                {30_000_000, 1_746_612_311},
                {50_000_000, 2_000_000_000}
            };
            for (long[] head : heads) {
                ForkId own = validator.forkIdAt(head[0], head[1]);
                assertThat(validator.validate(own, head[0], head[1]).isAccepted())
                        .as("%s at %s/%s", chain.name(), head[0], head[1])
                        .isTrue();
            }
        }
    }

    @Test
    void chainsWithDifferentGenesisRejectEachOther() {
        ForkId sepolia = Chains.SEPOLIA.forkIdAt(8_000_000, 1_750_000_000);
        ForkIdValidation verdict =
                Chains.MAINNET.forkIdValidator().validate(sepolia, 22_000_000, 1_750_000_000);
        assertThat(verdict).isInstanceOf(ForkIdValidation.Rejected.class);
        assertThat(verdict.toString()).contains("local incompatible or needs update");
    }

    /** EIP-2124 "Test Cases": the RLP encoding of fork ids (4-byte hash, uint64 next). */
    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
        "00000000, 0, c6840000000080",
        "deadbeef, 3135097598, ca84deadbeef84baddcafe",
        "ffffffff, " + MAX + ", ce84ffffffff88ffffffffffffffff",
    })
    void encodesAndDecodesTheEipVectors(String hash, String next, String rlp) {
        ForkId forkId = remote(hash, next);
        assertThat(Hex.encode(forkId.toRlp())).isEqualTo(rlp);
        assertThat(ForkId.fromRlp(Hex.decode(rlp))).isEqualTo(forkId);
    }

    @Test
    void rejectsMalformedForkIds() {
        String[] malformed = {
            "c58300000080", "c7840000000080c0", "c6840000000081", "c58400000000", "84deadbeef"
        };
        for (String hex : malformed) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> ForkId.fromRlp(Hex.decode(hex)))
                    .as(hex)
                    .isInstanceOf(io.annals.core.rlp.RlpException.class);
        }
        assertThat(new ForkId(0xfc64ec04, -1L).toString())
                .isEqualTo("ForkId[hash=0xfc64ec04, next=" + MAX + "]");
    }

    private static ForkId remote(String hash, String next) {
        return id(hash, Long.parseUnsignedLong(next));
    }

    private static void assertVerdict(ForkIdValidation validation, String verdict) {
        switch (verdict) {
            case "1b" ->
                    assertThat(validation)
                            .isEqualTo(
                                    new ForkIdValidation.Accepted(
                                            ForkIdValidation.Acceptance.SAME_FORKS));
            case "2" ->
                    assertThat(validation)
                            .isEqualTo(
                                    new ForkIdValidation.Accepted(
                                            ForkIdValidation.Acceptance.REMOTE_SYNCING));
            case "3" ->
                    assertThat(validation)
                            .isEqualTo(
                                    new ForkIdValidation.Accepted(
                                            ForkIdValidation.Acceptance.LOCAL_SYNCING));
            case "remote-stale" -> assertRejected(validation, ForkIdValidation.Reason.REMOTE_STALE);
            case "incompatible" ->
                    assertRejected(validation, ForkIdValidation.Reason.LOCAL_INCOMPATIBLE_OR_STALE);
            default -> throw new IllegalArgumentException(verdict);
        }
    }

    private static void assertRejected(
            ForkIdValidation validation, ForkIdValidation.Reason reason) {
        assertThat(validation).isInstanceOf(ForkIdValidation.Rejected.class);
        assertThat(validation.isAccepted()).isFalse();
        assertThat(((ForkIdValidation.Rejected) validation).reason()).isEqualTo(reason);
    }

    /**
     * go-ethereum's checksumUpdate: continues an IEEE CRC32 from {@code checksum} over a big-endian
     * uint64. Bitwise and independent of the code under test.
     */
    private static int crc32Update(int checksum, long value) {
        int crc = ~checksum;
        for (int i = 7; i >= 0; i--) {
            crc ^= (int) (value >>> (8 * i)) & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc >>> 1) ^ (0xEDB88320 & -(crc & 1));
            }
        }
        return ~crc;
    }
}
