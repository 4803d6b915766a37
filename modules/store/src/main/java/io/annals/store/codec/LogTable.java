package io.annals.store.codec;

import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;

/**
 * The fixed-width part of a {@link CompactReceipts} value with a log table: which address and
 * topics each log has, as dictionary indices in columns, where every 16th log's data starts, and
 * where each receipt's logs end. A filter reads a block's logs here, one array read per column
 * entry, instead of walking hundreds of variable-length logs to reach the one it wants.
 *
 * <p>{@link #read} checks every range against the value once, so the accessors cannot read outside
 * it; an index that points past its dictionary is reported as corruption where it is read.
 */
final class LogTable {
    /** Logs per data mark: a log's data is found by at most this many skips from its mark. */
    static final int MARK_EVERY = 16;

    static final int MARK_WIDTH = 4;

    private final byte[] value;
    private final ByteSource cursor;
    private final int logs;
    private final int topicRefs;
    private final int addressCount;
    private final int topicCount;
    private final int addressWidth;
    private final int topicWidth;
    private final int addressesAt;
    private final int topicCountsAt;
    private final int topicRefsAt;
    private final int marksAt;
    private final int headsAt;
    private final int dataAt;
    private final int[] receiptLogEnds;

    private LogTable(
            byte[] value,
            ByteSource cursor,
            int logs,
            int topicRefs,
            int addressCount,
            int topicCount,
            int addressWidth,
            int topicWidth,
            int headsAt,
            int dataAt,
            int[] receiptLogEnds) {
        this.value = value;
        this.cursor = cursor;
        this.logs = logs;
        this.topicRefs = topicRefs;
        this.addressCount = addressCount;
        this.topicCount = topicCount;
        this.addressWidth = addressWidth;
        this.topicWidth = topicWidth;
        this.addressesAt = cursor.position();
        this.topicCountsAt = addressesAt + logs * addressWidth;
        this.topicRefsAt = topicCountsAt + logs;
        this.marksAt = topicRefsAt + topicRefs * topicWidth;
        this.headsAt = headsAt;
        this.dataAt = dataAt;
        this.receiptLogEnds = receiptLogEnds;
    }

    /** Bytes per dictionary index for a dictionary of {@code size} entries. */
    static int widthFor(int size) {
        return size <= 1 << 8 ? 1 : size <= 1 << 16 ? 2 : 3;
    }

    static int marks(int logs) {
        return (logs + MARK_EVERY - 1) / MARK_EVERY;
    }

    /**
     * Reads the table at the cursor (right after the topic dictionary) and the receipt heads after
     * it; leaves the cursor at the first log's data.
     */
    static LogTable read(
            byte[] value,
            ByteSource in,
            int receipts,
            int logs,
            int topicRefs,
            int addressCount,
            int topicCount) {
        int addressWidth = in.readByte();
        int topicWidth = in.readByte();
        if (addressWidth != widthFor(addressCount) || topicWidth != widthFor(topicCount)) {
            throw in.corrupt("index widths " + addressWidth + " and " + topicWidth);
        }
        int columnsAt = in.position();
        long columns =
                (long) logs * (addressWidth + 1)
                        + (long) topicRefs * topicWidth
                        + (long) marks(logs) * MARK_WIDTH;
        if (columns > in.remaining()) {
            throw in.corrupt("a log table of " + columns + " bytes cannot fit the value");
        }
        in.skip((int) columns);
        int headsAt = in.position();
        int[] receiptLogEnds = new int[receipts];
        long logsSoFar = 0;
        for (int r = 0; r < receipts; r++) {
            skipHead(in);
            logsSoFar += in.readVarInt(DecodeLimits.MAX_LOGS_PER_RECEIPT);
            if (logsSoFar > logs) {
                throw in.corrupt("receipts with more than the " + logs + " logs of the table");
            }
            receiptLogEnds[r] = (int) logsSoFar;
        }
        if (logsSoFar != logs) {
            throw in.corrupt("receipts with " + logsSoFar + " of the table's " + logs + " logs");
        }
        int dataAt = in.position();
        ByteSource tableCursor = new ByteSource(value, "stored receipts");
        tableCursor.seek(columnsAt);
        return new LogTable(
                value,
                tableCursor,
                logs,
                topicRefs,
                addressCount,
                topicCount,
                addressWidth,
                topicWidth,
                headsAt,
                dataAt,
                receiptLogEnds);
    }

    /** Skips a receipt's type, outcome (and state root) and gas, up to its log count. */
    static void skipHead(ByteSource in) {
        in.readByte();
        if (in.readByte() == CompactReceipts.OUTCOME_STATE_ROOT) {
            in.skip(Hash.SIZE);
        }
        in.readVarLong();
    }

    int logs() {
        return logs;
    }

    /** The dictionary index of log {@code log}'s address. */
    int address(int log) {
        int index = fixed(addressesAt + log * addressWidth, addressWidth);
        if (index >= addressCount) {
            throw corrupt("address index " + index + " of " + addressCount);
        }
        return index;
    }

    /** How many topics log {@code log} has. */
    int topicCount(int log) {
        int count = value[topicCountsAt + log] & 0xff;
        if (count > DecodeLimits.MAX_TOPICS) {
            throw corrupt(count + " topics in a log");
        }
        return count;
    }

    /**
     * The dictionary index of the {@code ref}th topic of the block's logs (counting every log's
     * topics in order).
     */
    int topic(int ref) {
        if (ref >= topicRefs) {
            throw corrupt("topic " + ref + " of the table's " + topicRefs);
        }
        int index = fixed(topicRefsAt + ref * topicWidth, topicWidth);
        if (index >= topicCount) {
            throw corrupt("topic index " + index + " of " + topicCount);
        }
        return index;
    }

    /** The offset in the value of log {@code MARK_EVERY * mark}'s data. */
    int markedData(int mark) {
        long at = dataAt + (long) fixedInt(marksAt + mark * MARK_WIDTH);
        if (at > value.length) {
            throw corrupt("data mark " + mark + " past the value's end");
        }
        return (int) at;
    }

    int headsAt() {
        return headsAt;
    }

    /**
     * The receipt (transaction index) that log {@code log} belongs to, from receipt {@code from}.
     */
    int receiptOf(int log, int from) {
        int r = from;
        while (receiptLogEnds[r] <= log) {
            r++;
        }
        return r;
    }

    /** A big-endian value of 1 to 4 bytes; unrolled, as it is read once per log and topic. */
    private int fixed(int at, int width) {
        return switch (width) {
            case 1 -> value[at] & 0xff;
            case 2 -> (value[at] & 0xff) << 8 | (value[at + 1] & 0xff);
            case 3 ->
                    (value[at] & 0xff) << 16 | (value[at + 1] & 0xff) << 8 | (value[at + 2] & 0xff);
            default ->
                    (value[at] & 0xff) << 24
                            | (value[at + 1] & 0xff) << 16
                            | (value[at + 2] & 0xff) << 8
                            | (value[at + 3] & 0xff);
        };
    }

    private int fixedInt(int at) {
        int mark = fixed(at, MARK_WIDTH);
        if (mark < 0) {
            throw corrupt("data mark " + mark);
        }
        return mark;
    }

    private RuntimeException corrupt(String problem) {
        return cursor.corrupt(problem);
    }
}
