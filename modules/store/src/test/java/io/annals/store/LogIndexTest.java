package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogIndexTest {
    private final LogIndex index = new LogIndex(0x1234_5678_9abc_def0L, 256);

    @Test
    void keysOrderByPartitionThenBucketThenBlock() {
        byte[] a = LogIndex.key(4095, 7);
        byte[] b = LogIndex.key(4096, 0);
        byte[] c = LogIndex.key(4096, 1);
        byte[] d = LogIndex.key(4097, 1);
        assertThat(Arrays.compareUnsigned(a, b)).isNegative();
        assertThat(Arrays.compareUnsigned(b, c)).isNegative();
        assertThat(Arrays.compareUnsigned(c, d)).isNegative();
        for (long n : new long[] {0, 1, 4095, 4096, 22_869_878L, HistoryStore.MAX_BLOCK_NUMBER}) {
            assertThat(LogIndex.number(LogIndex.key(n, 200))).isEqualTo(n);
            byte[] after = LogIndex.keyAfter(n, 200);
            assertThat(Arrays.compareUnsigned(LogIndex.key(n, 200), after)).isNegative();
            if ((n & 4095) != 4095) {
                assertThat(after).isEqualTo(LogIndex.key(n + 1, 200));
            }
        }
    }

    @Test
    void postingsHoldEachDistinctValueOnceUnderItsKind() {
        Address token = Address.fromHex("0xdac17f958d2ee523a2206206994597c13d831ec7");
        Hash transfer = Hash.fromHex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
        Log log = Log.of(token, List.of(transfer, transfer), new byte[0]);
        List<Receipt> receipts = List.of(Receipt.withStatus(2, true, 1, List.of(log, log)),
                Receipt.withStatus(2, true, 2, List.of(log)));
        LogIndex.Posting[] postings = index.postings(receipts);
        int values = Arrays.stream(postings).mapToInt(p -> p.remainders().length / LogIndex.REMAINDER_BYTES).sum();
        assertThat(values).as("address, transfer at 0, transfer at 1").isEqualTo(3);
        long atZero = index.fingerprint(LogIndex.topicKind(0), transfer.unsafeArray());
        long atOne = index.fingerprint(LogIndex.topicKind(1), transfer.unsafeArray());
        assertThat(atZero).isNotEqualTo(atOne);
        LogIndex.Posting bucket = Arrays.stream(postings).filter(p -> p.bucket() == index.bucket(atOne))
                .findFirst().orElseThrow();
        assertThat(LogIndex.holds(bucket.remainders(), LogIndex.remainder(atOne))).isTrue();
    }

    @Test
    void theSaltChangesEveryFingerprint() {
        LogIndex other = new LogIndex(42, 256);
        byte[] value = new byte[32];
        assertThat(index.fingerprint(1, value)).isNotEqualTo(other.fingerprint(1, value));
    }
}
