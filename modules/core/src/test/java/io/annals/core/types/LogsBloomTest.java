package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.crypto.Keccak256;
import io.annals.core.testing.RandomChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsBloomTest {

    /** M3:2048 by hand for one value: the low 11 bits of the first three byte pairs of its hash. */
    @Test
    void setsTheThreeBitsTheYellowPaperNames() {
        Address address = Address.fromHex("0x" + "5a".repeat(20));
        byte[] h = Keccak256.hash(address.toArray());
        byte[] expected = new byte[256];
        for (int pair = 0; pair < 3; pair++) {
            int bit = ((h[2 * pair] & 0xff) << 8 | (h[2 * pair + 1] & 0xff)) % 2048;
            int fromLeft = 2047 - bit; // bit 0 is the least significant bit of the last byte
            expected[fromLeft / 8] |= (byte) (0x80 >>> (fromLeft % 8));
        }
        LogsBloom bloom = LogsBloom.of(List.of(Log.of(address, List.of(), new byte[0])));
        assertThat(bloom.toArray()).isEqualTo(expected);
    }

    @Test
    void containsEveryAddressAndTopicOfItsLogs() {
        RandomChain chain = new RandomChain(3);
        for (int i = 0; i < 50; i++) {
            List<Log> logs = chain.logs(5);
            LogsBloom bloom = LogsBloom.of(logs);
            for (Log log : logs) {
                assertThat(bloom.mightContain(log.address())).isTrue();
                log.topics().forEach(t -> assertThat(bloom.mightContain(t)).isTrue());
                assertThat(bloom.contains(LogsBloom.of(List.of(log)))).isTrue();
            }
            assertThat(bloom.contains(LogsBloom.EMPTY)).isTrue();
            assertThat(bloom.isEmpty()).isEqualTo(logs.isEmpty());
        }
    }

    @Test
    void emptyBloomContainsNothingAndUnionIsTheOr() {
        Address a = Address.fromHex("0x" + "01".repeat(20));
        Address b = Address.fromHex("0x" + "02".repeat(20));
        assertThat(LogsBloom.EMPTY.mightContain(a)).isFalse();
        LogsBloom onlyA = LogsBloom.of(List.of(Log.of(a, List.of(), new byte[0])));
        LogsBloom onlyB = LogsBloom.of(List.of(Log.of(b, List.of(), new byte[0])));
        LogsBloom both = onlyA.or(onlyB);
        assertThat(both)
                .isEqualTo(
                        LogsBloom.of(
                                List.of(
                                        Log.of(a, List.of(), new byte[0]),
                                        Log.of(b, List.of(), new byte[0]))));
        assertThat(both.contains(onlyA)).isTrue();
        assertThat(onlyA.contains(both)).isFalse();
        assertThat(onlyA.mightContain(b)).isFalse();
    }

    @Test
    void aMemoGivesEveryReceiptTheBloomItsLogsHaveAlone() {
        RandomChain chain = new RandomChain(4);
        LogsBloom.Memo memo = new LogsBloom.Memo();
        Address popular = chain.address();
        Hash transfer = chain.hash();
        for (int block = 0; block < 20; block++) {
            List<List<Log>> receipts = new ArrayList<>();
            for (int r = 0; r < chain.random().nextInt(40); r++) {
                List<Log> logs = new ArrayList<>(chain.logs(6));
                if (chain.random().nextBoolean()) {
                    // values repeated within and across blocks, as a popular token's are
                    logs.add(Log.of(popular, List.of(transfer, chain.hash()), new byte[0]));
                }
                receipts.add(logs);
            }
            List<LogsBloom> blooms = memo.bloomsOf(receipts);
            assertThat(blooms).hasSize(receipts.size());
            for (int r = 0; r < receipts.size(); r++) {
                assertThat(blooms.get(r))
                        .as("block %d receipt %d", block, r)
                        .isEqualTo(LogsBloom.of(receipts.get(r)));
            }
            if (!receipts.isEmpty()) {
                assertThat(memo.bloomOf(receipts.get(0))).isEqualTo(LogsBloom.of(receipts.get(0)));
            }
        }
    }
}
