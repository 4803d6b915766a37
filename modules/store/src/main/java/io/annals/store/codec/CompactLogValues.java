package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import java.util.Arrays;

/**
 * The distinct values the logs of a {@link CompactReceipts} value can be filtered by, read without
 * building any log: the addresses the logs use, and each topic with the positions it takes (bit p
 * of {@code topicPositions[i]} when topic i appears at position p), and the distinct (address,
 * topic 0) pairs of the logs with topics ({@code addressIndex << 32 | topicIndex}, indices into the
 * two arrays). The dictionaries already hold each value once, so the log index derives its entries
 * per distinct value, not per log.
 */
public record CompactLogValues(
        byte[][] addresses, byte[][] topics, int[] topicPositions, long[] addressTopic0Pairs) {

    public static CompactLogValues of(byte[] value) {
        ByteSource in = new ByteSource(value, "stored receipts");
        int count = in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        byte[][] addresses = new byte[in.readVarInt(CompactReceipts.MAX_DICTIONARY)][];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = in.read(Address.SIZE);
        }
        byte[][] topics = new byte[in.readVarInt(CompactReceipts.MAX_DICTIONARY)][];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = new byte[CompactReceipts.WORD];
            CompactReceipts.readWord(in, topics[i], 0);
        }
        boolean[] addressUsed = new boolean[addresses.length];
        int usedAddresses = 0;
        int[] positions = new int[topics.length];
        long[] pairs = new long[16];
        int pairCount = 0;
        for (int r = 0; r < count; r++) {
            in.readByte();
            if (in.readByte() == CompactReceipts.OUTCOME_STATE_ROOT) {
                in.skip(Hash.SIZE);
            }
            in.readVarLong();
            int logCount = in.readVarInt(DecodeLimits.MAX_LOGS_PER_RECEIPT);
            for (int l = 0; l < logCount; l++) {
                int address = in.readVarInt(addresses.length - 1);
                if (!addressUsed[address]) {
                    addressUsed[address] = true;
                    usedAddresses++;
                }
                int topicCount = in.readByte();
                if (topicCount > DecodeLimits.MAX_TOPICS) {
                    throw in.corrupt(topicCount + " topics in a log");
                }
                for (int t = 0; t < topicCount; t++) {
                    int topic = in.readVarInt(topics.length - 1);
                    positions[topic] |= 1 << t;
                    if (t == 0) {
                        if (pairCount == pairs.length) {
                            pairs = Arrays.copyOf(pairs, pairCount * 2);
                        }
                        pairs[pairCount++] = (long) address << 32 | topic;
                    }
                }
                CompactReceipts.skipData(in);
            }
        }
        in.ensureEnd();
        long[] distinctPairs = sortedDistinct(pairs, pairCount);
        if (usedAddresses < addresses.length) {
            byte[][] used = new byte[usedAddresses][];
            int[] renumbered = new int[addresses.length];
            int u = 0;
            for (int i = 0; i < addresses.length; i++) {
                if (addressUsed[i]) {
                    renumbered[i] = u;
                    used[u++] = addresses[i];
                }
            }
            addresses = used;
            for (int i = 0; i < distinctPairs.length; i++) {
                long pair = distinctPairs[i];
                distinctPairs[i] =
                        (long) renumbered[(int) (pair >>> 32)] << 32 | (pair & 0xffffffffL);
            }
        }
        return new CompactLogValues(addresses, topics, positions, distinctPairs);
    }

    private static long[] sortedDistinct(long[] values, int count) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }
}
