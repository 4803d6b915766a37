package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the logs a filter wants out of a {@link CompactReceipts} value, without building the
 * others.
 */
public final class CompactLogScanner {
    private CompactLogScanner() {}

    /** Decides which logs {@link #scan} reports; asked once per dictionary entry, not per log. */
    public interface LogMatcher {
        /** False when any address matches. */
        boolean constrainsAddress();

        boolean addressMatches(byte[] address);

        /** The topic positions with a constraint, as a bit set (bit p for position p). */
        int constrainedPositions();

        boolean topicMatches(int position, byte[] topic);

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
     * Reports the logs of a stored receipts value that {@code matcher} accepts, without building
     * the others: the filter is first resolved against the block's dictionaries (a block that lacks
     * a wanted value is rejected before any log is read), then each log is checked by dictionary
     * index.
     */
    public static void scan(byte[] value, LogMatcher matcher, MatchSink sink) {
        ByteSource in = new ByteSource(value, "stored receipts");
        int count = in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        byte[][] addresses = new byte[in.readVarInt(CompactReceipts.MAX_DICTIONARY)][];
        boolean[] addressOk = matcher.constrainsAddress() ? new boolean[addresses.length] : null;
        boolean anyAddress = addressOk == null;
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = in.read(Address.SIZE);
            if (addressOk != null && matcher.addressMatches(addresses[i])) {
                addressOk[i] = anyAddress = true;
            }
        }
        byte[][] topics = new byte[in.readVarInt(CompactReceipts.MAX_DICTIONARY)][];
        int positions = matcher.constrainedPositions();
        boolean[][] topicOk = new boolean[DecodeLimits.MAX_TOPICS][];
        int satisfiable = 0;
        for (int p = 0; p < DecodeLimits.MAX_TOPICS; p++) {
            if ((positions & (1 << p)) != 0) {
                topicOk[p] = new boolean[topics.length];
            }
        }
        for (int i = 0; i < topics.length; i++) {
            topics[i] = new byte[CompactReceipts.WORD];
            CompactReceipts.readWord(in, topics[i], 0);
            for (int p = 0; p < DecodeLimits.MAX_TOPICS; p++) {
                if (topicOk[p] != null && matcher.topicMatches(p, topics[i])) {
                    topicOk[p][i] = true;
                    satisfiable |= 1 << p;
                }
            }
        }
        if (!anyAddress || satisfiable != positions) {
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
                int address = in.readVarInt(addresses.length - 1);
                int topicCount = in.readByte();
                if (topicCount > DecodeLimits.MAX_TOPICS) {
                    throw in.corrupt(topicCount + " topics in a log");
                }
                boolean match = addressOk == null || addressOk[address];
                for (int t = 0; t < topicCount; t++) {
                    logTopics[t] = in.readVarInt(topics.length - 1);
                    match &= topicOk[t] == null || topicOk[t][logTopics[t]];
                }
                match &= (positions >>> topicCount) == 0 && topicCount >= minimumTopics;
                if (!match) {
                    CompactReceipts.skipData(in);
                    continue;
                }
                List<Hash> hashes = new ArrayList<>(topicCount);
                for (int t = 0; t < topicCount; t++) {
                    hashes.add(Hash.wrap(topics[logTopics[t]].clone()));
                }
                Address logAddress = Address.wrap(addresses[address].clone());
                sink.accept(r, logIndex, Log.of(logAddress, hashes, CompactReceipts.readData(in)));
            }
        }
        in.ensureEnd();
    }
}
