package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogIndexTest {
    private final LogIndex index = new LogIndex(0x1234_5678_9abc_def0L, 256, true);

    @Test
    void keysOrderByPartitionThenBucketThenGroup() {
        byte[] a = LogIndex.key(4095, 7);
        byte[] b = LogIndex.key(4096, 0);
        byte[] c = LogIndex.key(4096, 1);
        byte[] d = LogIndex.key(4096 + 16, 1);
        assertThat(Arrays.compareUnsigned(a, b)).isNegative();
        assertThat(Arrays.compareUnsigned(b, c)).isNegative();
        assertThat(Arrays.compareUnsigned(c, d)).isNegative();
        assertThat(LogIndex.key(4096 + 15, 1)).isEqualTo(c);
        for (long n : new long[] {0, 1, 4095, 4096, 22_869_878L, HistoryStore.MAX_BLOCK_NUMBER}) {
            byte[] key = LogIndex.key(n, 200);
            assertThat(LogIndex.firstOfGroup(key)).isEqualTo(n - n % 16);
            byte[] after = LogIndex.keyAfter(n, 200);
            assertThat(Arrays.compareUnsigned(key, after)).isNegative();
            if (n % 4096 < 4080) {
                assertThat(Arrays.compareUnsigned(after, LogIndex.key(n + 16, 200))).isNegative();
            }
        }
    }

    @Test
    void postingsHoldEachDistinctValueOnceUnderItsKind() {
        Address token = Address.fromHex("0xdac17f958d2ee523a2206206994597c13d831ec7");
        Hash transfer =
                Hash.fromHex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
        Log log = Log.of(token, List.of(transfer, transfer), new byte[0]);
        List<Receipt> receipts =
                List.of(
                        Receipt.withStatus(2, true, 1, List.of(log, log)),
                        Receipt.withStatus(2, true, 2, List.of(log)));
        LogIndex.Posting[] postings = index.postings(receipts);
        int values = Arrays.stream(postings).mapToInt(p -> p.remainders().length).sum();
        assertThat(values)
                .as("address, transfer at 0, transfer at 1, (address, transfer at 0)")
                .isEqualTo(4);
        assertThat(new LogIndex(0x1234_5678_9abc_def0L, 256, false).postings(receipts))
                .as("without pairs")
                .extracting(p -> p.remainders().length)
                .containsOnly(1)
                .hasSize(3);
        long atZero = index.fingerprint(LogIndex.topicKind(0), transfer.unsafeArray());
        long atOne = index.fingerprint(LogIndex.topicKind(1), transfer.unsafeArray());
        assertThat(atZero).isNotEqualTo(atOne);
        LogIndex.Posting bucket =
                Arrays.stream(postings)
                        .filter(p -> p.bucket() == index.bucket(atOne))
                        .findFirst()
                        .orElseThrow();
        assertThat(bucket.remainders()).contains(LogIndex.remainder(atOne));
    }

    @Test
    void groupEntriesRoundTripAndMatchByOffset() {
        GroupEntry blocks = new GroupEntry();
        blocks.put(15, new int[] {Integer.MIN_VALUE, 9});
        blocks.put(0, new int[] {5, -7});
        blocks.put(3, new int[] {-7});
        blocks.put(7, new int[] {1});
        blocks.remove(7);
        byte[] entry = blocks.encode();
        // offsets in increasing order, each with its count and its big-endian remainders
        assertThat(entry)
                .containsExactly(
                        0, 2, 0, 0, 0, 5, 0xff, 0xff, 0xff, 0xf9, 3, 1, 0xff, 0xff, 0xff, 0xf9, 15,
                        2, 0x80, 0, 0, 0, 0, 0, 0, 9);
        GroupEntry decoded = GroupEntry.decode(entry);
        assertThat(decoded.remainders(15)).containsExactly(Integer.MIN_VALUE, 9);
        assertThat(decoded.remainders(0)).containsExactly(5, -7);
        assertThat(decoded.remainders(7)).isNull();
        assertThat(decoded.encode()).isEqualTo(entry);
        assertThat(GroupEntry.matchMask(entry, -7)).isEqualTo(0b1001);
        assertThat(GroupEntry.matchMask(entry, Integer.MIN_VALUE)).isEqualTo(1 << 15);
        assertThat(GroupEntry.matchMask(entry, 6)).isZero();
    }

    @Test
    void aGroupEntryWithARepeatedOrOutOfRangeOffsetIsCorrupt() {
        assertThatThrownBy(() -> GroupEntry.decode(new byte[] {3, 1, 0, 0, 0, 1, 3, 0}))
                .hasMessageContaining("offset 3");
        assertThatThrownBy(() -> GroupEntry.decode(new byte[] {16, 0}))
                .hasMessageContaining("offset 16");
        GroupEntry emptied = new GroupEntry();
        emptied.put(2, new int[] {1});
        emptied.remove(2);
        assertThat(emptied.isEmpty()).isTrue();
    }

    @Test
    void theSaltChangesEveryFingerprint() {
        LogIndex other = new LogIndex(42, 256, true);
        byte[] value = new byte[32];
        assertThat(index.fingerprint(1, value)).isNotEqualTo(other.fingerprint(1, value));
    }
}
