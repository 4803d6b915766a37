package io.annals.rpc.eth.json;

import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.store.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Logs as JSON bytes, written straight into one array without a generator: exactly the bytes {@link
 * LogJson} describes (go-ethereum's member order, no spaces), since a log holds nothing that needs
 * escaping (hex and fixed member names only). The array's size is counted before it is filled, so
 * an answer is never copied to grow; hex comes from a table of digit pairs; the members every log
 * of a transaction shares (block number, transaction hash and index, block hash and timestamp) are
 * encoded once per transaction. One block's logs (~400 logs, ~245 KB) cost about a quarter of what
 * writing them member by member through Jackson did.
 */
final class LogJsonBytes {
    /** The two lowercase hex digits of every byte value, at {@code 2 * value}. */
    private static final byte[] PAIRS = new byte[512];

    static {
        byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int b = 0; b < 256; b++) {
            PAIRS[2 * b] = digits[b >>> 4];
            PAIRS[2 * b + 1] = digits[b & 0xf];
        }
    }

    private static final byte[] ADDRESS = ascii("{\"address\":\"0x");
    private static final byte[] TOPICS = ascii("\",\"topics\":[");
    private static final byte[] DATA = ascii("],\"data\":\"0x");
    private static final byte[] BLOCK_NUMBER = ascii("\",\"blockNumber\":\"0x");
    private static final byte[] TRANSACTION_HASH = ascii("\",\"transactionHash\":\"0x");
    private static final byte[] TRANSACTION_INDEX = ascii("\",\"transactionIndex\":\"0x");
    private static final byte[] BLOCK_HASH = ascii("\",\"blockHash\":\"0x");
    private static final byte[] BLOCK_TIMESTAMP = ascii("\",\"blockTimestamp\":\"0x");
    private static final byte[] LOG_INDEX = ascii("\",\"logIndex\":\"0x");
    private static final byte[] KEPT = ascii("\",\"removed\":false}");
    private static final byte[] REMOVED = ascii("\",\"removed\":true}");

    /** {@code "0x…"} of a 32-byte topic, with its quotes. */
    private static final int TOPIC_LENGTH = 2 + 2 + 64;

    private final byte[] out;
    private int at;

    private LogJsonBytes(int size) {
        out = new byte[size];
    }

    /** One log's JSON object. */
    static byte[] log(LogEntry entry, boolean removed) {
        byte[] shared = shared(entry);
        LogJsonBytes writer = new LogJsonBytes(size(entry, shared, removed));
        writer.write(entry, shared, removed);
        return writer.finish();
    }

    /** A JSON array of the logs (none removed), in their order. */
    static byte[] array(List<LogEntry> entries) {
        byte[][] shared = new byte[entries.size()][];
        int size = 2 + Math.max(0, entries.size() - 1);
        LogEntry previous = null;
        for (int i = 0; i < shared.length; i++) {
            LogEntry entry = entries.get(i);
            shared[i] =
                    previous != null && sameTransaction(previous, entry)
                            ? shared[i - 1]
                            : shared(entry);
            size += size(entry, shared[i], false);
            previous = entry;
        }
        LogJsonBytes writer = new LogJsonBytes(size);
        writer.put((byte) '[');
        for (int i = 0; i < shared.length; i++) {
            if (i > 0) {
                writer.put((byte) ',');
            }
            writer.write(entries.get(i), shared[i], false);
        }
        writer.put((byte) ']');
        return writer.finish();
    }

    private static boolean sameTransaction(LogEntry a, LogEntry b) {
        return a.blockNumber() == b.blockNumber()
                && a.transactionIndex() == b.transactionIndex()
                && a.blockTimestamp() == b.blockTimestamp()
                && a.transactionHash().equals(b.transactionHash())
                && a.blockHash().equals(b.blockHash());
    }

    /**
     * The members from {@code blockNumber} to {@code blockTimestamp}'s digits: the same for every
     * log of one transaction.
     */
    private static byte[] shared(LogEntry entry) {
        byte[] txHash = entry.transactionHash().unsafeArray();
        byte[] blockHash = entry.blockHash().unsafeArray();
        int size =
                BLOCK_NUMBER.length
                        + digits(entry.blockNumber())
                        + TRANSACTION_HASH.length
                        + 2 * txHash.length
                        + TRANSACTION_INDEX.length
                        + digits(entry.transactionIndex())
                        + BLOCK_HASH.length
                        + 2 * blockHash.length
                        + BLOCK_TIMESTAMP.length
                        + digits(entry.blockTimestamp());
        LogJsonBytes writer = new LogJsonBytes(size);
        writer.put(BLOCK_NUMBER);
        writer.quantity(entry.blockNumber());
        writer.put(TRANSACTION_HASH);
        writer.hex(txHash, 0, txHash.length);
        writer.put(TRANSACTION_INDEX);
        writer.quantity(entry.transactionIndex());
        writer.put(BLOCK_HASH);
        writer.hex(blockHash, 0, blockHash.length);
        writer.put(BLOCK_TIMESTAMP);
        writer.quantity(entry.blockTimestamp());
        return writer.finish();
    }

    private static int size(LogEntry entry, byte[] shared, boolean removed) {
        Log log = entry.log();
        int topics = log.topics().size();
        return ADDRESS.length
                + 2 * log.address().unsafeArray().length
                + TOPICS.length
                + topics * TOPIC_LENGTH
                + Math.max(0, topics - 1)
                + DATA.length
                + 2 * log.unsafeData().length
                + shared.length
                + LOG_INDEX.length
                + digits(entry.logIndex())
                + (removed ? REMOVED : KEPT).length;
    }

    private void write(LogEntry entry, byte[] shared, boolean removed) {
        Log log = entry.log();
        byte[] address = log.address().unsafeArray();
        put(ADDRESS);
        hex(address, 0, address.length);
        put(TOPICS);
        List<Hash> topics = log.topics();
        for (int i = 0; i < topics.size(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            byte[] topic = topics.get(i).unsafeArray();
            put((byte) '"');
            put((byte) '0');
            put((byte) 'x');
            hex(topic, 0, topic.length);
            put((byte) '"');
        }
        put(DATA);
        byte[] data = log.unsafeData();
        hex(data, 0, data.length);
        put(shared);
        put(LOG_INDEX);
        quantity(entry.logIndex());
        put(removed ? REMOVED : KEPT);
    }

    private byte[] finish() {
        if (at != out.length) {
            // the size was counted wrong: a bug here, never a short or padded answer
            throw new IllegalStateException("log JSON is " + at + " bytes, counted " + out.length);
        }
        return out;
    }

    private void put(byte b) {
        out[at++] = b;
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        at += bytes.length;
    }

    private void hex(byte[] bytes, int offset, int length) {
        byte[] o = out;
        int p = at;
        for (int i = offset, end = offset + length; i < end; i++) {
            int pair = (bytes[i] & 0xff) << 1;
            o[p] = PAIRS[pair];
            o[p + 1] = PAIRS[pair + 1];
            p += 2;
        }
        at = p;
    }

    /** The hex digits of an unsigned quantity, no leading zeros ({@code hexutil.Uint64}). */
    private void quantity(long value) {
        int n = digits(value);
        for (int i = n - 1; i >= 0; i--) {
            out[at + i] = PAIRS[2 * (int) (value & 0xf) + 1];
            value >>>= 4;
        }
        at += n;
    }

    private static int digits(long value) {
        return value == 0 ? 1 : (67 - Long.numberOfLeadingZeros(value)) / 4;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
