package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
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
        boolean hasTable = CompactReceipts.hasLogTable(value);
        if (hasTable) {
            in.skip(2);
        }
        int count = in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        int logs = hasTable ? in.readVarInt(in.remaining()) : 0;
        int topicRefs = hasTable ? in.readVarInt(DecodeLimits.MAX_TOPICS * logs) : 0;
        byte[][] addresses = new byte[in.readVarInt(CompactReceipts.MAX_DICTIONARY)][];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = in.read(Address.SIZE);
        }
        byte[][] topics;
        if (hasTable) {
            topics = TopicDictionary.read(in).topics(value);
        } else {
            topics = new byte[in.readVarInt(CompactReceipts.MAX_DICTIONARY)][];
            for (int i = 0; i < topics.length; i++) {
                topics[i] = new byte[CompactReceipts.WORD];
                CompactReceipts.readWord(in, topics[i], 0);
            }
        }
        boolean[] addressUsed = new boolean[addresses.length];
        int[] positions = new int[topics.length];
        Pairs pairs = new Pairs();
        if (hasTable) {
            LogTable table =
                    LogTable.read(
                            value, in, count, logs, topicRefs, addresses.length, topics.length);
            int ref = 0;
            for (int l = 0; l < logs; l++) {
                int address = table.address(l);
                addressUsed[address] = true;
                int topicCount = table.topicCount(l);
                for (int t = 0; t < topicCount; t++) {
                    int topic = table.topic(ref++);
                    positions[topic] |= 1 << t;
                    if (t == 0) {
                        pairs.add(address, topic);
                    }
                }
            }
        } else {
            readInline(in, count, addresses.length, topics.length, addressUsed, positions, pairs);
        }
        int usedAddresses = 0;
        for (boolean used : addressUsed) {
            usedAddresses += used ? 1 : 0;
        }
        long[] distinctPairs = sortedDistinct(pairs.values, pairs.count);
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

    /** The values of a value without a log table: its logs walked one by one. */
    private static void readInline(
            ByteSource in,
            int count,
            int addressCount,
            int topicCount,
            boolean[] addressUsed,
            int[] positions,
            Pairs pairs) {
        for (int r = 0; r < count; r++) {
            LogTable.skipHead(in);
            int logCount = in.readVarInt(DecodeLimits.MAX_LOGS_PER_RECEIPT);
            for (int l = 0; l < logCount; l++) {
                int address = in.readVarInt(addressCount - 1);
                addressUsed[address] = true;
                int logTopics = in.readByte();
                if (logTopics > DecodeLimits.MAX_TOPICS) {
                    throw in.corrupt(logTopics + " topics in a log");
                }
                for (int t = 0; t < logTopics; t++) {
                    int topic = in.readVarInt(topicCount - 1);
                    positions[topic] |= 1 << t;
                    if (t == 0) {
                        pairs.add(address, topic);
                    }
                }
                CompactReceipts.skipData(in);
            }
        }
        in.ensureEnd();
    }

    /** (address index, topic 0 index) of each log with topics, duplicates included. */
    private static final class Pairs {
        long[] values = new long[16];
        int count;

        void add(int address, int topic) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = (long) address << 32 | topic;
        }
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
