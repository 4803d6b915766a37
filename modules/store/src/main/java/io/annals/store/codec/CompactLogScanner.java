package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.store.StoreCorruptionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the logs a filter wants out of a {@link CompactReceipts} value, without building the
 * others.
 *
 * <p>A ranged {@code eth_getLogs} runs this over every candidate block, most of whose hundreds of
 * logs do not match, so it allocates nothing per dictionary entry or per skipped log: dictionary
 * entries are matched where they lie in the value (a topic as its trimmed word, see {@link
 * #wordEquals}) and only a matching log's values are copied out.
 */
public final class CompactLogScanner {
    private CompactLogScanner() {}

    /** Decides which logs {@link #scan} reports; asked once per dictionary entry, not per log. */
    public interface LogMatcher {
        /** False when any address matches. */
        boolean constrainsAddress();

        /** Whether the 20-byte address at {@code bytes[offset..offset+20)} is wanted. */
        boolean addressMatches(byte[] bytes, int offset);

        /** The topic positions with a constraint, as a bit set (bit p for position p). */
        int constrainedPositions();

        /**
         * Whether the topic at {@code position} may be the 32-byte word whose last {@code length}
         * bytes are {@code bytes[offset..offset+length)} and whose other bytes are zero.
         */
        boolean topicMatches(int position, byte[] bytes, int offset, int length);

        /**
         * The fewest topics a matching log has: the filter's number of positions, wildcards
         * included, as go-ethereum matches ({@code eth/filters/filter.go}, {@code filterLogs}).
         */
        default int minimumTopics() {
            return 0;
        }
    }

    /** Receives the matching logs of a block, in block order. */
    @FunctionalInterface
    public interface MatchSink {
        /** {@code logIndex} counts all the block's logs, matching or not. */
        void accept(int transactionIndex, int logIndex, Log log);
    }

    /**
     * True when the stored word (its last {@code length} bytes at {@code offset}, zeros before
     * them) equals the 32-byte {@code word}.
     */
    public static boolean wordEquals(byte[] bytes, int offset, int length, byte[] word) {
        int zeros = CompactReceipts.WORD - length;
        for (int i = 0; i < zeros; i++) {
            if (word[i] != 0) {
                return false;
            }
        }
        return Arrays.equals(bytes, offset, offset + length, word, zeros, CompactReceipts.WORD);
    }

    /**
     * Reports the logs of a stored receipts value that {@code matcher} accepts, without building
     * the others: the filter is first resolved against the block's dictionaries (a block that lacks
     * a wanted value is rejected before any log is read), then each log is checked by dictionary
     * index.
     */
    public static void scan(byte[] value, LogMatcher matcher, MatchSink sink) {
        ByteSource in = new ByteSource(value, "stored receipts");
        int count = in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        int addressCount = in.readVarInt(CompactReceipts.MAX_DICTIONARY);
        int addressesAt = in.position();
        in.skip(addressCount * Address.SIZE);
        boolean[] addressOk = matcher.constrainsAddress() ? new boolean[addressCount] : null;
        boolean anyAddress = addressOk == null;
        for (int i = 0; addressOk != null && i < addressCount; i++) {
            if (matcher.addressMatches(value, addressesAt + i * Address.SIZE)) {
                addressOk[i] = anyAddress = true;
            }
        }
        if (!anyAddress) {
            return;
        }
        int topicCount = in.readVarInt(CompactReceipts.MAX_DICTIONARY);
        int[] topicsAt = new int[topicCount];
        int positions = matcher.constrainedPositions();
        // bit p of topicMatches[i]: dictionary topic i is wanted at constrained position p
        int[] topicMatches = new int[topicCount];
        int satisfiable = 0;
        for (int i = 0; i < topicCount; i++) {
            topicsAt[i] = in.position();
            int length = CompactReceipts.WORD - in.readWordZeros();
            int at = in.position();
            in.skip(length);
            for (int p = 0; positions != 0 && p < DecodeLimits.MAX_TOPICS; p++) {
                if ((positions & (1 << p)) != 0 && matcher.topicMatches(p, value, at, length)) {
                    topicMatches[i] |= 1 << p;
                    satisfiable |= 1 << p;
                }
            }
        }
        if (satisfiable != positions) {
            return;
        }
        new LogWalk(
                        value,
                        addressesAt,
                        addressCount,
                        addressOk,
                        topicsAt,
                        topicMatches,
                        positions,
                        matcher.minimumTopics())
                .run(in.position(), count, sink);
    }

    /** The 32-byte topic of the dictionary entry at {@code at} (already checked by the scan). */
    private static byte[] topicAt(byte[] value, int at) {
        byte[] topic = new byte[CompactReceipts.WORD];
        int zeros = value[at];
        System.arraycopy(value, at + 1, topic, zeros, CompactReceipts.WORD - zeros);
        return topic;
    }

    /**
     * The walk over every log of a block once its dictionaries are resolved: the scan's hot loop,
     * so it reads the value with a local cursor and inline varints rather than through {@link
     * ByteSource}. A value that ends early or holds an index out of range is damage: it throws
     * {@link StoreCorruptionException} like every other stored-value reader.
     */
    private static final class LogWalk {
        private final byte[] value;
        private final int addressesAt;
        private final int addressCount;
        private final boolean[] addressOk;
        private final int[] topicsAt;
        private final int[] topicMatches;
        private final int positions;
        private final int minimumTopics;
        private final int[] logTopics = new int[DecodeLimits.MAX_TOPICS];

        LogWalk(
                byte[] value,
                int addressesAt,
                int addressCount,
                boolean[] addressOk,
                int[] topicsAt,
                int[] topicMatches,
                int positions,
                int minimumTopics) {
            this.value = value;
            this.addressesAt = addressesAt;
            this.addressCount = addressCount;
            this.addressOk = addressOk;
            this.topicsAt = topicsAt;
            this.topicMatches = topicMatches;
            this.positions = positions;
            this.minimumTopics = minimumTopics;
        }

        void run(int start, int receipts, MatchSink sink) {
            int at = start;
            try {
                at = walk(at, receipts, sink);
            } catch (ArrayIndexOutOfBoundsException e) {
                // the walk reads past the end only of a truncated value: every index it reads is
                // checked against its dictionary first
                throw corrupt("truncated", value.length);
            }
            if (at != value.length) {
                throw corrupt("ends at " + at + " of " + value.length + " bytes", at);
            }
        }

        /** Walks every receipt's logs from {@code start}; the position after the last one. */
        private int walk(int start, int receipts, MatchSink sink) {
            int at = start;
            int logIndex = 0;
            for (int r = 0; r < receipts; r++) {
                at++; // the transaction type
                if (value[at++] == CompactReceipts.OUTCOME_STATE_ROOT) {
                    at += Hash.SIZE;
                }
                at = skipVarLong(at); // the cumulative gas's difference
                long packed = varint(value, at);
                int logCount = (int) packed;
                at = (int) (packed >>> 32);
                if (logCount > DecodeLimits.MAX_LOGS_PER_RECEIPT) {
                    throw corrupt(logCount + " logs in a receipt", at);
                }
                for (int l = 0; l < logCount; l++, logIndex++) {
                    packed = varint(value, at);
                    int address = (int) packed;
                    at = (int) (packed >>> 32);
                    if (address >= addressCount) {
                        throw corrupt("address " + address + " of " + addressCount, at);
                    }
                    int topicCount = value[at++];
                    if (topicCount < 0 || topicCount > DecodeLimits.MAX_TOPICS) {
                        throw corrupt(topicCount + " topics in a log", at);
                    }
                    boolean match = addressOk == null || addressOk[address];
                    int found = 0; // the constrained positions this log's topics satisfy
                    for (int t = 0; t < topicCount; t++) {
                        packed = varint(value, at);
                        int topic = (int) packed;
                        at = (int) (packed >>> 32);
                        if (topic >= topicsAt.length) {
                            throw corrupt("topic " + topic + " of " + topicsAt.length, at);
                        }
                        logTopics[t] = topic;
                        found |= topicMatches[topic] & (1 << t);
                    }
                    // a constrained position past the log's topics stays unfound
                    match &= found == positions && topicCount >= minimumTopics;
                    packed = varint(value, at);
                    int length = (int) packed;
                    int dataAt = (int) (packed >>> 32);
                    at = skipData(dataAt, length);
                    if (match) {
                        sink.accept(r, logIndex, log(address, topicCount, dataAt, length));
                    }
                }
            }
            return at;
        }

        /** Skips a log's data as {@link CompactReceipts} writes it: the position after it. */
        private int skipData(int at, int length) {
            if (length % CompactReceipts.WORD != 0) {
                if (length > value.length - at) {
                    throw corrupt("data of " + length + " bytes", at);
                }
                return at + length;
            }
            for (int w = length / CompactReceipts.WORD; w > 0; w--) {
                int zeros = value[at];
                if (zeros < 0 || zeros > CompactReceipts.WORD) {
                    throw corrupt("word with " + zeros + " leading zeros", at);
                }
                at += 1 + CompactReceipts.WORD - zeros;
            }
            if (at > value.length) {
                throw corrupt("data of " + length + " bytes", at);
            }
            return at;
        }

        private int skipVarLong(int at) {
            for (int i = 0; i < 10; i++) {
                if (value[at++] >= 0) {
                    return at;
                }
            }
            throw corrupt("varint longer than 10 bytes", at);
        }

        /** The matched log, copied out of the value (already checked by the walk). */
        private Log log(int address, int topicCount, int dataAt, int length) {
            List<Hash> topics = new ArrayList<>(topicCount);
            for (int t = 0; t < topicCount; t++) {
                topics.add(Hash.wrap(topicAt(value, topicsAt[logTopics[t]])));
            }
            int addressAt = addressesAt + address * Address.SIZE;
            Address logAddress =
                    Address.wrap(Arrays.copyOfRange(value, addressAt, addressAt + Address.SIZE));
            byte[] data;
            if (length % CompactReceipts.WORD != 0) {
                data = Arrays.copyOfRange(value, dataAt, dataAt + length);
            } else {
                data = new byte[length];
                int at = dataAt;
                for (int offset = 0; offset < length; offset += CompactReceipts.WORD) {
                    int zeros = value[at];
                    System.arraycopy(
                            value, at + 1, data, offset + zeros, CompactReceipts.WORD - zeros);
                    at += 1 + CompactReceipts.WORD - zeros;
                }
            }
            return Log.of(logAddress, topics, data);
        }
    }

    /**
     * A varint of at most five bytes at {@code at}, as a count or an index: its value in the low 32
     * bits, the position after it in the high 32 bits (two results without an allocation).
     */
    private static long varint(byte[] value, int at) {
        int b = value[at++];
        if (b >= 0) {
            return ((long) at << 32) | b;
        }
        int result = b & 0x7f;
        for (int shift = 7; shift < 35; shift += 7) {
            b = value[at++];
            result |= (b & 0x7f) << shift;
            if (b >= 0) {
                if (result < 0) {
                    break;
                }
                return ((long) at << 32) | result;
            }
        }
        throw corrupt("a count or index past 2^31", at);
    }

    private static StoreCorruptionException corrupt(String problem, int at) {
        return new StoreCorruptionException("stored receipts: " + problem + " at offset " + at);
    }
}
