package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
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
        int minimumTopics = matcher.minimumTopics();
        int logIndex = 0;
        int[] logTopics = new int[DecodeLimits.MAX_TOPICS];
        for (int r = 0; r < count; r++) {
            in.readByte();
            if (in.readByte() == CompactReceipts.OUTCOME_STATE_ROOT) {
                in.skip(Hash.SIZE);
            }
            in.readVarLong();
            int logCount = in.readVarInt(DecodeLimits.MAX_LOGS_PER_RECEIPT);
            for (int l = 0; l < logCount; l++, logIndex++) {
                int address = in.readVarInt(addressCount - 1);
                int logTopicCount = in.readByte();
                if (logTopicCount > DecodeLimits.MAX_TOPICS) {
                    throw in.corrupt(logTopicCount + " topics in a log");
                }
                int found = 0; // the constrained positions this log's topics satisfy
                for (int t = 0; t < logTopicCount; t++) {
                    logTopics[t] = in.readVarInt(topicCount - 1);
                    found |= topicMatches[logTopics[t]] & (1 << t);
                }
                // a constrained position past the log's topics stays unfound
                if ((addressOk != null && !addressOk[address])
                        || found != positions
                        || logTopicCount < minimumTopics) {
                    CompactReceipts.skipData(in);
                    continue;
                }
                List<Hash> topics = new ArrayList<>(logTopicCount);
                for (int t = 0; t < logTopicCount; t++) {
                    topics.add(Hash.wrap(topicAt(value, topicsAt[logTopics[t]])));
                }
                int addressAt = addressesAt + address * Address.SIZE;
                Address logAddress =
                        Address.wrap(
                                Arrays.copyOfRange(value, addressAt, addressAt + Address.SIZE));
                sink.accept(r, logIndex, Log.of(logAddress, topics, CompactReceipts.readData(in)));
            }
        }
        in.ensureEnd();
    }

    /** The 32-byte topic of the dictionary entry at {@code at} (already checked by the scan). */
    private static byte[] topicAt(byte[] value, int at) {
        byte[] topic = new byte[CompactReceipts.WORD];
        int zeros = value[at];
        System.arraycopy(value, at + 1, topic, zeros, CompactReceipts.WORD - zeros);
        return topic;
    }
}
