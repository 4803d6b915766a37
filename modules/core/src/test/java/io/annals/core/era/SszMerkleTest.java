package io.annals.core.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.chain.Chains;
import io.annals.core.chain.KnownEpochs;
import io.annals.core.types.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SSZ list roots against published values and against the definition written out naively (pad to
 * the limit with zero chunks, hash pairs level by level, mix in the length).
 */
class SszMerkleTest {

    @Test
    void portalPreMergeAccumulatorRootOfTheShippedMainnetRoots() {
        // HistoricalHashesAccumulator {historical_epochs: List[Bytes32, 2^17]}: a container of one
        // field, whose root is that field's root. Published as trin's DEFAULT_PRE_MERGE_ACC_HASH.
        KnownEpochs mainnet = Chains.MAINNET.knownEpochs();
        assertThat(mainnet.rootCount()).isEqualTo(1897);
        SszMerkle list = new SszMerkle(1 << 17);
        for (long epoch = 0; epoch < 1897; epoch++) {
            list.add(mainnet.root(epoch).orElseThrow().toArray());
        }
        assertThat(list.root())
                .isEqualTo(
                        Hash.fromHex(
                                "0x8eac399e24480dce3cfe06f4bdecba51c6e5d0c46200e3e8611a0b44a3a69ff9"));
    }

    @Test
    void partialEpochOfHeaderRecordsMatchesItsPublishedRoot() throws IOException {
        // mainnet's last pre-merge epoch: 5,362 records of (hash, total difficulty, little-endian)
        byte[] records;
        try (InputStream in =
                getClass().getResourceAsStream("/era/mainnet-epoch-01896-records.ssz")) {
            records = in.readAllBytes();
        }
        assertThat(records.length).isEqualTo(5362 * 64);
        EpochAccumulator accumulator = new EpochAccumulator();
        for (int i = 0; i < records.length; i += 64) {
            byte[] hash = java.util.Arrays.copyOfRange(records, i, i + 32);
            byte[] td = java.util.Arrays.copyOfRange(records, i + 32, i + 64);
            accumulator.add(Hash.wrap(hash), EpochAccumulator.uint256FromLittleEndian(td));
        }
        Hash expected =
                Hash.fromHex("0xe6ebe562c89bc8ecb94dc9b2889a27a816ec05d3d6bd1625acad72227071e721");
        assertThat(accumulator.root()).isEqualTo(expected);
        assertThat(Chains.MAINNET.knownEpochs().root(1896)).contains(expected);
    }

    @Test
    void streamingRootEqualsTheNaiveDefinition() throws Exception {
        Random random = new Random(7);
        for (long limit : new long[] {1, 2, 3, 16, 100, 8192}) {
            for (int count = 0; count <= Math.min(limit, 40); count++) {
                List<byte[]> chunks = new ArrayList<>();
                SszMerkle merkle = new SszMerkle(limit);
                for (int i = 0; i < count; i++) {
                    byte[] chunk = new byte[32];
                    random.nextBytes(chunk);
                    chunks.add(chunk);
                    merkle.add(chunk);
                }
                assertThat(merkle.root().toArray())
                        .as("limit %d, %d chunks", limit, count)
                        .isEqualTo(naiveListRoot(chunks, limit));
            }
        }
    }

    @Test
    void aFullTreeAndTheLimit() throws Exception {
        SszMerkle merkle = new SszMerkle(8);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] chunk = new byte[32];
            chunk[0] = (byte) i;
            chunks.add(chunk);
            merkle.add(chunk);
        }
        assertThat(merkle.root().toArray()).isEqualTo(naiveListRoot(chunks, 8));
        assertThatThrownBy(() -> merkle.add(new byte[32])).hasMessageContaining("full");
    }

    @Test
    void uint256LittleEndianBothWays() {
        BigInteger value = new BigInteger("58750003716598352816469");
        byte[] encoded = EpochAccumulator.uint256LittleEndian(value);
        assertThat(encoded[0]).isEqualTo(value.byteValue());
        assertThat(EpochAccumulator.uint256FromLittleEndian(encoded)).isEqualTo(value);
        byte[] max = new byte[32];
        java.util.Arrays.fill(max, (byte) 0xff);
        assertThat(EpochAccumulator.uint256FromLittleEndian(max))
                .isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
        assertThatThrownBy(
                        () -> EpochAccumulator.uint256LittleEndian(BigInteger.ONE.shiftLeft(256)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] naiveListRoot(List<byte[]> chunks, long limit) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long width = 1;
        while (width < limit) {
            width <<= 1;
        }
        List<byte[]> level = new ArrayList<>(chunks);
        while (level.size() < width) {
            level.add(new byte[32]);
        }
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                sha.update(level.get(i));
                sha.update(level.get(i + 1));
                next.add(sha.digest());
            }
            level = next;
        }
        byte[] length = new byte[32];
        long n = chunks.size();
        for (int i = 0; i < 8; i++) {
            length[i] = (byte) (n >>> (8 * i));
        }
        sha.update(level.get(0));
        sha.update(length);
        return sha.digest();
    }
}
