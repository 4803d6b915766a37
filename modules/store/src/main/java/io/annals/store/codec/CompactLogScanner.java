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
         * The 32-byte words wanted at {@code position} when they are few, so that the scan compares
         * them with each dictionary entry itself (most differ in their zero count or first byte);
         * null to ask {@link #topicMatches} for each entry instead.
         */
        default byte[][] topicWords(int position) {
            return null;
        }

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
        if (length > 0 && bytes[offset] != word[zeros]) {
            return false; // most dictionary entries differ from a wanted topic in their first byte
        }
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
     * index: in the log table's columns, or, in a value without one, by walking the logs.
     */
    public static void scan(byte[] value, LogMatcher matcher, MatchSink sink) {
        ByteSource in = new ByteSource(value, "stored receipts");
        boolean hasTable = CompactReceipts.hasLogTable(value);
        if (hasTable) {
            in.skip(2);
        }
        int count = in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        int logs = hasTable ? in.readVarInt(in.remaining()) : 0;
        int topicRefs = hasTable ? in.readVarInt(DecodeLimits.MAX_TOPICS * logs) : 0;
        Resolution wanted = Resolution.of(value, in, matcher, hasTable);
        if (wanted == null) {
            return;
        }
        if (hasTable) {
            LogTable table =
                    LogTable.read(
                            value,
                            in,
                            count,
                            logs,
                            topicRefs,
                            wanted.addressCount,
                            wanted.topicCount());
            scanTable(value, table, in, wanted, matcher.minimumTopics(), sink);
        } else {
            scanInline(value, in, count, wanted, matcher.minimumTopics(), sink);
        }
    }

    /** The filter resolved against one block's dictionaries. */
    private static final class Resolution {
        final int addressesAt;
        final int addressCount;

        /** Null when any address matches. */
        final boolean[] addressOk;

        /** Where each topic lies, in a value without a log table; else null. */
        final int[] topicsAt;

        /** The topics of a value with a log table; else null. */
        final TopicDictionary dictionary;

        /** Bit p of {@code topicMatches[i]}: dictionary topic i is wanted at position p. */
        final int[] topicMatches;

        /** The constrained topic positions, as a bit set. */
        final int positions;

        private Resolution(
                int addressesAt,
                int addressCount,
                boolean[] addressOk,
                int[] topicsAt,
                TopicDictionary dictionary,
                int[] topicMatches,
                int positions) {
            this.addressesAt = addressesAt;
            this.addressCount = addressCount;
            this.addressOk = addressOk;
            this.topicsAt = topicsAt;
            this.dictionary = dictionary;
            this.topicMatches = topicMatches;
            this.positions = positions;
        }

        /**
         * Reads both dictionaries at the cursor; null when the block lacks a wanted address or a
         * value at a constrained position, so that no log of it can match.
         */
        static Resolution of(byte[] value, ByteSource in, LogMatcher matcher, boolean grouped) {
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
                return null;
            }
            int positions = matcher.constrainedPositions();
            int[] topicsAt = null;
            TopicDictionary dictionary = null;
            int[] topicMatches;
            if (grouped) {
                dictionary = TopicDictionary.read(in);
                topicMatches = matchGrouped(value, dictionary, matcher, positions);
            } else {
                topicsAt = new int[in.readVarInt(CompactReceipts.MAX_DICTIONARY)];
                topicMatches = matchInline(value, in, topicsAt, matcher, positions);
            }
            int satisfiable = 0;
            for (int match : topicMatches) {
                satisfiable |= match;
            }
            if (satisfiable != positions) {
                return null;
            }
            return new Resolution(
                    addressesAt,
                    addressCount,
                    addressOk,
                    topicsAt,
                    dictionary,
                    topicMatches,
                    positions);
        }

        /**
         * A few wanted words are compared with their own zero count's group alone; many are looked
         * up by the matcher for every entry.
         */
        private static int[] matchGrouped(
                byte[] value, TopicDictionary dictionary, LogMatcher matcher, int positions) {
            int[] topicMatches = new int[dictionary.size()];
            for (int p = 0; p < DecodeLimits.MAX_TOPICS; p++) {
                if ((positions & (1 << p)) == 0) {
                    continue;
                }
                byte[][] words = matcher.topicWords(p);
                if (words != null) {
                    for (byte[] word : words) {
                        int g = dictionary.groupWithZeros(TopicDictionary.zerosOf(word));
                        for (int k = 0; g >= 0 && k < dictionary.groupSize(g); k++) {
                            if (dictionary.entryEquals(value, g, k, word)) {
                                topicMatches[dictionary.groupFirstIndex(g) + k] |= 1 << p;
                            }
                        }
                    }
                    continue;
                }
                for (int g = 0; g < dictionary.groups(); g++) {
                    int length = CompactReceipts.WORD - dictionary.groupZeros(g);
                    for (int k = 0; k < dictionary.groupSize(g); k++) {
                        if (matcher.topicMatches(p, value, dictionary.groupEntryAt(g, k), length)) {
                            topicMatches[dictionary.groupFirstIndex(g) + k] |= 1 << p;
                        }
                    }
                }
            }
            return topicMatches;
        }

        /** Walks a dictionary of words each with its zero count, recording where each lies. */
        private static int[] matchInline(
                byte[] value, ByteSource in, int[] topicsAt, LogMatcher matcher, int positions) {
            int[] topicMatches = new int[topicsAt.length];
            WantedWords[] words = new WantedWords[DecodeLimits.MAX_TOPICS];
            for (int p = 0; p < DecodeLimits.MAX_TOPICS; p++) {
                words[p] =
                        (positions & (1 << p)) != 0 ? WantedWords.of(matcher.topicWords(p)) : null;
            }
            for (int i = 0; i < topicsAt.length; i++) {
                topicsAt[i] = in.position();
                int zeros = in.readWordZeros();
                int length = CompactReceipts.WORD - zeros;
                int at = in.position();
                in.skip(length);
                for (int p = 0; positions != 0 && p < DecodeLimits.MAX_TOPICS; p++) {
                    if ((positions & (1 << p)) != 0
                            && (words[p] != null
                                    ? words[p].contains(value, at, zeros)
                                    : matcher.topicMatches(p, value, at, length))) {
                        topicMatches[i] |= 1 << p;
                    }
                }
            }
            return topicMatches;
        }

        int topicCount() {
            return topicMatches.length;
        }

        boolean addressWanted(int address) {
            return addressOk == null || addressOk[address];
        }

        Address address(byte[] value, int address) {
            int at = addressesAt + address * Address.SIZE;
            return Address.wrap(Arrays.copyOfRange(value, at, at + Address.SIZE));
        }

        Hash topic(byte[] value, int topic) {
            return Hash.wrap(
                    dictionary != null
                            ? dictionary.topic(value, topic)
                            : topicAt(value, topicsAt[topic]));
        }
    }

    /** A position's wanted words with their leading zero counts, compared where entries lie. */
    private record WantedWords(byte[][] words, int[] zeros) {
        static WantedWords of(byte[][] words) {
            if (words == null) {
                return null;
            }
            int[] zeros = new int[words.length];
            for (int w = 0; w < words.length; w++) {
                while (zeros[w] < CompactReceipts.WORD && words[w][zeros[w]] == 0) {
                    zeros[w]++;
                }
            }
            return new WantedWords(words, zeros);
        }

        /**
         * Whether the entry of {@code zeros} leading zeros whose other bytes are at {@code at} is
         * one of the words: it cannot be one with fewer zeros than the entry has.
         */
        boolean contains(byte[] value, int at, int zeros) {
            for (int w = 0; w < words.length; w++) {
                byte[] word = words[w];
                if (zeros <= this.zeros[w]
                        && (zeros == CompactReceipts.WORD || value[at] == word[zeros])
                        && Arrays.equals(
                                value,
                                at,
                                at + CompactReceipts.WORD - zeros,
                                word,
                                zeros,
                                CompactReceipts.WORD)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Matches in the log table's columns; reads only the matching logs' data. */
    private static void scanTable(
            byte[] value,
            LogTable table,
            ByteSource data,
            Resolution wanted,
            int minimumTopics,
            MatchSink sink) {
        int positions = wanted.positions;
        int receipt = 0;
        int dataOf = 0; // the log whose data starts at the data cursor
        int ref = 0; // the first topic of log l among all the block's topic references
        for (int l = 0; l < table.logs(); l++) {
            int topicCount = table.topicCount(l);
            int found = 0; // the constrained positions this log's topics satisfy
            for (int p = 0, rest = positions; rest != 0 && p < topicCount; p++, rest >>>= 1) {
                if ((rest & 1) != 0) {
                    found |= wanted.topicMatches[table.topic(ref + p)] & (1 << p);
                }
            }
            // a constrained position past the log's topics stays unfound
            if (found != positions
                    || topicCount < minimumTopics
                    || !wanted.addressWanted(table.address(l))) {
                ref += topicCount;
                continue;
            }
            List<Hash> topics = new ArrayList<>(topicCount);
            for (int t = 0; t < topicCount; t++) {
                topics.add(wanted.topic(value, table.topic(ref + t)));
            }
            ref += topicCount;
            int mark = l / LogTable.MARK_EVERY;
            if (mark * LogTable.MARK_EVERY > dataOf) {
                data.seek(table.markedData(mark));
                dataOf = mark * LogTable.MARK_EVERY;
            }
            for (; dataOf < l; dataOf++) {
                CompactReceipts.skipData(data);
            }
            byte[] logData = CompactReceipts.readData(data);
            dataOf++;
            receipt = table.receiptOf(l, receipt);
            sink.accept(
                    receipt, l, Log.of(wanted.address(value, table.address(l)), topics, logData));
        }
    }

    /** Matches by walking a value without a log table, log by log. */
    private static void scanInline(
            byte[] value,
            ByteSource in,
            int count,
            Resolution wanted,
            int minimumTopics,
            MatchSink sink) {
        int positions = wanted.positions;
        int topicCount = wanted.topicCount();
        int logIndex = 0;
        int[] logTopics = new int[DecodeLimits.MAX_TOPICS];
        for (int r = 0; r < count; r++) {
            LogTable.skipHead(in);
            int logCount = in.readVarInt(DecodeLimits.MAX_LOGS_PER_RECEIPT);
            for (int l = 0; l < logCount; l++, logIndex++) {
                int address = in.readVarInt(wanted.addressCount - 1);
                int logTopicCount = in.readByte();
                if (logTopicCount > DecodeLimits.MAX_TOPICS) {
                    throw in.corrupt(logTopicCount + " topics in a log");
                }
                int found = 0; // the constrained positions this log's topics satisfy
                for (int t = 0; t < logTopicCount; t++) {
                    logTopics[t] = in.readVarInt(topicCount - 1);
                    found |= wanted.topicMatches[logTopics[t]] & (1 << t);
                }
                // a constrained position past the log's topics stays unfound
                if (!wanted.addressWanted(address)
                        || found != positions
                        || logTopicCount < minimumTopics) {
                    CompactReceipts.skipData(in);
                    continue;
                }
                List<Hash> topics = new ArrayList<>(logTopicCount);
                for (int t = 0; t < logTopicCount; t++) {
                    topics.add(wanted.topic(value, logTopics[t]));
                }
                sink.accept(
                        r,
                        logIndex,
                        Log.of(
                                wanted.address(value, address),
                                topics,
                                CompactReceipts.readData(in)));
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
