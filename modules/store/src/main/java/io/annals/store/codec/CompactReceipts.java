package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a block's receipts: the eth/69 content (type, outcome, cumulative gas, logs;
 * no bloom) in about half its bytes. A block's logs repeat a few contracts and event signatures
 * hundreds of times, and most 32-byte words (indexed addresses, amounts) are mostly leading zeros,
 * so the value carries two per-block dictionaries and trims leading zeros. Each log's address and
 * topics are dictionary indices in fixed-width columns (the log table, {@link LogTable}), apart
 * from the logs' data, so that a filter finds its logs without walking the others:
 *
 * <pre>
 * value    := 0x80 0x00 varint(receipts) varint(logs) varint(topic refs)
 *             varint(a) address{a} topics byte(wa) byte(wt)
 *             index_wa{logs} byte(topics){logs} index_wt{topic refs} mark{ceil(logs / 16)}
 *             head{receipts} data{logs}
 * address  := 20 bytes                      (each distinct log address, in order of first use)
 * topics   := the distinct topics grouped by their leading zero bytes ({@link TopicDictionary})
 * index_w  := w bytes, big-endian           (w = 1, 2 or 3: the fewest that hold the dictionary)
 * mark     := 4 bytes, big-endian           (where log 16k's data starts, from the first data)
 * head     := byte(type) byte(outcome) [32-byte post-state root if outcome = 2]
 *             varint(cumulativeGas - previous cumulativeGas, modulo 2^64) varint(logs)
 * outcome  := 0 failed | 1 succeeded | 2 pre-Byzantium state root follows
 * data     := varint(length) (word{length / 32} when length is a multiple of 32, else the raw bytes)
 * word     := byte(z) (32 - z) bytes        (a 32-byte value without its z leading zero bytes)
 * </pre>
 *
 * The first two bytes are a varint 0 in two bytes, which no canonical varint is: values written
 * before the log table existed start with their receipt count and carry each log inline ({@code
 * receipt := head-without-logs varint(logs) (varint(address index) byte(topics) varint(topic
 * index)* data)*}); they are still read ({@link #hasLogTable}).
 *
 * <p>Decoding gives receipts equal to the encoded ones, so the receipts root recomputed from them
 * matches the header. {@link CompactLogScanner} reads only the logs a filter wants.
 */
public final class CompactReceipts {
    static final int WORD = 32;
    private static final int OUTCOME_FAILED = 0;
    private static final int OUTCOME_SUCCEEDED = 1;
    static final int OUTCOME_STATE_ROOT = 2;
    static final int MAX_DICTIONARY = 1 << 22;

    /**
     * The format tag: a non-canonical varint 0, which a value without a log table never starts
     * with.
     */
    static final byte TAG_0 = (byte) 0x80;

    static final byte TAG_1 = 0;

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private CompactReceipts() {}

    /** Whether {@code value} has a log table (every value written since it exists). */
    public static boolean hasLogTable(byte[] value) {
        return value.length >= 2 && value[0] == TAG_0 && value[1] == TAG_1;
    }

    public static byte[] encode(List<Receipt> receipts) {
        return CompactReceiptsWriter.encode(receipts);
    }

    /** One receipt's head: type, outcome, the gas it used, its log count. */
    static void writeHead(ByteSink out, Receipt receipt, long previousGas) {
        out.writeByte(receipt.type());
        if (!receipt.hasStatus()) {
            out.writeByte(OUTCOME_STATE_ROOT).write(receipt.postStateRoot().unsafeArray());
        } else {
            out.writeByte(receipt.success() ? OUTCOME_SUCCEEDED : OUTCOME_FAILED);
        }
        out.writeVarLong(receipt.cumulativeGasUsed() - previousGas);
        out.writeVarLong(receipt.logs().size());
    }

    public static List<Receipt> decode(byte[] value) {
        return hasLogTable(value) ? decodeWithLogTable(value) : decodeInline(value);
    }

    private static List<Receipt> decodeWithLogTable(byte[] value) {
        ByteSource in = new ByteSource(value, "stored receipts");
        in.skip(2);
        int count = in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        int logCount = in.readVarInt(in.remaining());
        int topicRefs = in.readVarInt(DecodeLimits.MAX_TOPICS * logCount);
        Address[] addresses = new Address[in.readVarInt(MAX_DICTIONARY)];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = Address.wrap(in.read(Address.SIZE));
        }
        byte[][] words = TopicDictionary.read(in).topics(value);
        Hash[] topics = new Hash[words.length];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = Hash.wrap(words[i]);
        }
        LogTable table =
                LogTable.read(
                        value, in, count, logCount, topicRefs, addresses.length, topics.length);
        ByteSource heads = new ByteSource(value, "stored receipts");
        heads.seek(table.headsAt());
        List<Receipt> receipts = new ArrayList<>(count);
        long cumulativeGas = 0;
        int log = 0;
        int ref = 0;
        for (int r = 0; r < count; r++) {
            int type = heads.readByte();
            if (type > Receipt.MAX_TYPE) {
                throw heads.corrupt("receipt type " + type);
            }
            int outcome = heads.readByte();
            Hash stateRoot =
                    outcome == OUTCOME_STATE_ROOT ? Hash.wrap(heads.read(Hash.SIZE)) : null;
            if (outcome > OUTCOME_STATE_ROOT) {
                throw heads.corrupt("receipt outcome " + outcome);
            }
            cumulativeGas += heads.readVarLong();
            int receiptLogs = heads.readVarInt(DecodeLimits.MAX_LOGS_PER_RECEIPT);
            List<Log> logs = new ArrayList<>(receiptLogs);
            for (int l = 0; l < receiptLogs; l++, log++) {
                if (log % LogTable.MARK_EVERY == 0
                        && in.position() != table.markedData(log / LogTable.MARK_EVERY)) {
                    throw in.corrupt("data mark " + log / LogTable.MARK_EVERY + " misplaced");
                }
                int topicCount = table.topicCount(log);
                List<Hash> logTopics = new ArrayList<>(topicCount);
                for (int t = 0; t < topicCount; t++) {
                    logTopics.add(topics[table.topic(ref++)]);
                }
                logs.add(Log.of(addresses[table.address(log)], logTopics, readData(in)));
            }
            receipts.add(
                    stateRoot != null
                            ? Receipt.withPostState(type, stateRoot, cumulativeGas, logs)
                            : Receipt.withStatus(
                                    type, outcome == OUTCOME_SUCCEEDED, cumulativeGas, logs));
        }
        if (ref != topicRefs) {
            throw in.corrupt("logs with " + ref + " of the table's " + topicRefs + " topics");
        }
        in.ensureEnd();
        return receipts;
    }

    /** A value written before the log table existed: each log inline in its receipt. */
    private static List<Receipt> decodeInline(byte[] value) {
        ByteSource in = new ByteSource(value, "stored receipts");
        int count = in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        Address[] addresses = new Address[in.readVarInt(MAX_DICTIONARY)];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = Address.wrap(in.read(Address.SIZE));
        }
        Hash[] topics = new Hash[in.readVarInt(MAX_DICTIONARY)];
        for (int i = 0; i < topics.length; i++) {
            byte[] word = new byte[WORD];
            readWord(in, word, 0);
            topics[i] = Hash.wrap(word);
        }
        List<Receipt> receipts = new ArrayList<>(count);
        long cumulativeGas = 0;
        for (int r = 0; r < count; r++) {
            int type = in.readByte();
            if (type > Receipt.MAX_TYPE) {
                throw in.corrupt("receipt type " + type);
            }
            int outcome = in.readByte();
            Hash stateRoot = outcome == OUTCOME_STATE_ROOT ? Hash.wrap(in.read(Hash.SIZE)) : null;
            if (outcome > OUTCOME_STATE_ROOT) {
                throw in.corrupt("receipt outcome " + outcome);
            }
            cumulativeGas += in.readVarLong();
            List<Log> logs = new ArrayList<>(0);
            int logCount = in.readVarInt(DecodeLimits.MAX_LOGS_PER_RECEIPT);
            for (int l = 0; l < logCount; l++) {
                Address address = pick(in, addresses);
                int topicCount = in.readByte();
                if (topicCount > DecodeLimits.MAX_TOPICS) {
                    throw in.corrupt(topicCount + " topics in a log");
                }
                List<Hash> logTopics = new ArrayList<>(topicCount);
                for (int t = 0; t < topicCount; t++) {
                    logTopics.add(pick(in, topics));
                }
                logs.add(Log.of(address, logTopics, readData(in)));
            }
            receipts.add(
                    stateRoot != null
                            ? Receipt.withPostState(type, stateRoot, cumulativeGas, logs)
                            : Receipt.withStatus(
                                    type, outcome == OUTCOME_SUCCEEDED, cumulativeGas, logs));
        }
        in.ensureEnd();
        return receipts;
    }

    private static <T> T pick(ByteSource in, T[] dictionary) {
        return dictionary[in.readVarInt(dictionary.length - 1)];
    }

    static void writeData(ByteSink out, byte[] data) {
        out.writeVarLong(data.length);
        if (data.length % WORD != 0) {
            out.write(data);
            return;
        }
        for (int at = 0; at < data.length; at += WORD) {
            writeWord(out, data, at);
        }
    }

    static byte[] readData(ByteSource in) {
        int length = in.readVarInt(Integer.MAX_VALUE - 8);
        if (length % WORD != 0) {
            return in.read(length);
        }
        if (length / WORD > in.remaining()) {
            throw in.corrupt("data of " + length + " bytes cannot fit the rest of the value");
        }
        byte[] data = new byte[length];
        for (int at = 0; at < length; at += WORD) {
            readWord(in, data, at);
        }
        return data;
    }

    /** Skips one log's data (as {@link #readData} reads it). */
    static void skipData(ByteSource in) {
        int length = in.readVarInt(Integer.MAX_VALUE - 8);
        if (length % WORD != 0) {
            in.skip(length);
            return;
        }
        in.skipWords(length / WORD);
    }

    private static void writeWord(ByteSink out, byte[] bytes, int offset) {
        int zeros = leadingZeroBytes(bytes, offset);
        out.writeByte(zeros).write(bytes, offset + zeros, WORD - zeros);
    }

    /**
     * The leading zero bytes of the 32-byte word at {@code bytes[offset]}: four long reads at most,
     * not a load per byte (every word of every log's data is trimmed, and most have 12 or more).
     */
    static int leadingZeroBytes(byte[] bytes, int offset) {
        for (int at = 0; at < WORD; at += Long.BYTES) {
            long word = (long) BIG_ENDIAN_LONG.get(bytes, offset + at);
            if (word != 0) {
                return at + Long.numberOfLeadingZeros(word) / Byte.SIZE;
            }
        }
        return WORD;
    }

    static void readWord(ByteSource in, byte[] dst, int offset) {
        int zeros = in.readWordZeros();
        in.readInto(dst, offset + zeros, WORD - zeros);
    }
}
