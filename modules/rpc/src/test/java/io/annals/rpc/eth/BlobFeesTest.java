package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.chain.Chains;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The blob base fee: go-ethereum's vectors for {@code fakeExponential} and {@code CalcBlobFee}
 * ({@code consensus/misc/eip4844/eip4844_test.go}) and the mainnet blob schedule by fork time
 * ({@code params/config.go}).
 */
class BlobFeesTest {

    @Test
    void fakeExponentialMatchesGethsVectors() {
        long[][] vectors = {
            {1, 0, 1, 1},
            {38493, 0, 1000, 38493},
            {0, 1234, 2345, 0},
            {1, 2, 1, 6},
            {1, 4, 2, 6},
            {1, 3, 1, 16},
            {1, 6, 2, 18},
            {1, 4, 1, 49},
            {1, 8, 2, 50},
            {10, 8, 2, 542},
            {11, 8, 2, 596},
            {1, 5, 1, 136},
            {1, 5, 2, 11},
            {2, 5, 2, 23},
            {1, 50_000_000, 2_225_652, 5_709_098_764L}
        };
        for (long[] v : vectors) {
            assertThat(
                            BlobFees.fakeExponential(
                                    BigInteger.valueOf(v[0]),
                                    BigInteger.valueOf(v[1]),
                                    BigInteger.valueOf(v[2])))
                    .as("%d %d %d", v[0], v[1], v[2])
                    .isEqualTo(BigInteger.valueOf(v[3]));
        }
    }

    @Test
    void cancunBlobFeeMatchesGethsVectors() {
        long[][] vectors = {{0, 1}, {2_314_057, 1}, {2_314_058, 2}, {10 * 1024 * 1024, 23}};
        for (long[] v : vectors) {
            assertThat(
                            BlobFees.fakeExponential(
                                    BigInteger.ONE,
                                    BigInteger.valueOf(v[0]),
                                    BigInteger.valueOf(3_338_477)))
                    .isEqualTo(BigInteger.valueOf(v[1]));
        }
    }

    @Test
    void anExcessNoValidChainHasGivesNoFeeInsteadOfAnEndlessSeries() {
        BlobFees fees = new BlobFees(Chains.MAINNET);
        io.annals.core.types.BlockHeader header =
                new io.annals.core.testing.RandomChain(1)
                        .headerFields(io.annals.core.types.HeaderFormat.CANCUN)
                        .number(20_000_000)
                        .timestamp(1_720_000_000L)
                        .excessBlobGas(Long.MAX_VALUE)
                        .build();
        assertThat(fees.blobBaseFee(header)).isNull();
        io.annals.core.types.BlockHeader busy =
                header.toBuilder().excessBlobGas(178L * 3_338_477).build();
        assertThat(fees.blobBaseFee(busy).bitLength()).isGreaterThan(250);
    }

    @Test
    void mainnetUpdateFractionFollowsTheForkSchedule() {
        BlobFees fees = new BlobFees(Chains.MAINNET);
        long block = 25_000_000;
        assertThat(fees.updateFraction(block, 1_710_338_135L)).isEqualTo(3_338_477); // Cancun
        assertThat(fees.updateFraction(block, 1_746_612_310L)).isEqualTo(3_338_477);
        assertThat(fees.updateFraction(block, 1_746_612_311L)).isEqualTo(5_007_716); // Prague
        assertThat(fees.updateFraction(block, 1_764_798_551L))
                .isEqualTo(5_007_716); // Osaka keeps Prague's
        assertThat(fees.updateFraction(block, 1_765_290_071L)).isEqualTo(8_346_193); // BPO1
        assertThat(fees.updateFraction(block, 1_767_747_671L)).isEqualTo(11_684_671); // BPO2
    }
}
