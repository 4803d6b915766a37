package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a block's receipts: the eth/69 content (type, outcome, cumulative gas, logs; no
 * bloom) in about half its bytes. A block's logs repeat a few contracts and event signatures
 * hundreds of times, and most 32-byte words (indexed addresses, amounts) are mostly leading zeros,
 * so the value carries two per-block dictionaries and trims leading zeros:
 *
 * <pre>
 * value    := varint(receipts) varint(a) address{a} varint(t) word{t} receipt*
 * address  := 20 bytes                      (each distinct log address, in order of first use)
 * word     := byte(z) (32 - z) bytes        (a 32-byte value without its z leading zero bytes)
 * receipt  := byte(type) byte(outcome) [32-byte post-state root if outcome = 2]
 *             varint(cumulativeGas - previous cumulativeGas, modulo 2^64) varint(logs) log*
 * outcome  := 0 failed | 1 succeeded | 2 pre-Byzantium state root follows
 * log      := varint(address index) byte(topics) varint(topic index)* varint(data length) data
 * data     := word{length / 32} when length is a multiple of 32, else the raw bytes
 * </pre>
 *
 * Decoding gives receipts equal to the encoded ones, so the receipts root recomputed from them
 * matches the header.
 */
public final class CompactReceipts {
    private static final int WORD = 32;
    private static final int OUTCOME_FAILED = 0;
    private static final int OUTCOME_SUCCEEDED = 1;
    private static final int OUTCOME_STATE_ROOT = 2;
    private static final int MAX_DICTIONARY = 1 << 22;

    private CompactReceipts() {}

    public static byte[] encode(List<Receipt> receipts) {
        Map<ByteKey, Integer> addresses = new HashMap<>();
        Map<ByteKey, Integer> topics = new HashMap<>();
        List<Address> addressOrder = new ArrayList<>();
        List<Hash> topicOrder = new ArrayList<>();
        int logCount = 0;
        for (Receipt receipt : receipts) {
            for (Log log : receipt.logs()) {
                logCount++;
                if (addresses.putIfAbsent(new ByteKey(log.address().unsafeArray()), addressOrder.size()) == null) {
                    addressOrder.add(log.address());
                }
                for (Hash topic : log.topics()) {
                    if (topics.putIfAbsent(new ByteKey(topic.unsafeArray()), topicOrder.size()) == null) {
                        topicOrder.add(topic);
                    }
                }
            }
        }
        ByteSink out = new ByteSink(16 + 24 * addressOrder.size() + 24 * topicOrder.size() + 64 * logCount
                + 16 * receipts.size());
        out.writeVarLong(receipts.size());
        out.writeVarLong(addressOrder.size());
        for (Address address : addressOrder) {
            out.write(address.unsafeArray());
        }
        out.writeVarLong(topicOrder.size());
        for (Hash topic : topicOrder) {
            writeWord(out, topic.unsafeArray(), 0);
        }
        long previousGas = 0;
        for (Receipt receipt : receipts) {
            out.writeByte(receipt.type());
            if (!receipt.hasStatus()) {
                out.writeByte(OUTCOME_STATE_ROOT).write(receipt.postStateRoot().unsafeArray());
            } else {
                out.writeByte(receipt.success() ? OUTCOME_SUCCEEDED : OUTCOME_FAILED);
            }
            out.writeVarLong(receipt.cumulativeGasUsed() - previousGas);
            previousGas = receipt.cumulativeGasUsed();
            out.writeVarLong(receipt.logs().size());
            for (Log log : receipt.logs()) {
                out.writeVarLong(addresses.get(new ByteKey(log.address().unsafeArray())));
                out.writeByte(log.topics().size());
                for (Hash topic : log.topics()) {
                    out.writeVarLong(topics.get(new ByteKey(topic.unsafeArray())));
                }
                writeData(out, log.unsafeData());
            }
        }
        return out.toByteArray();
    }

    public static List<Receipt> decode(byte[] value) {
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
            receipts.add(stateRoot != null
                    ? Receipt.withPostState(type, stateRoot, cumulativeGas, logs)
                    : Receipt.withStatus(type, outcome == OUTCOME_SUCCEEDED, cumulativeGas, logs));
        }
        in.ensureEnd();
        return receipts;
    }

    /** Decides which logs {@link #scan} reports; asked once per dictionary entry, not per log. */
    public interface LogMatcher {
        /** False when any address matches. */
        boolean constrainsAddress();

        boolean addressMatches(byte[] address);

        /** The topic positions with a constraint, as a bit set (bit p for position p). */
        int constrainedPositions();

        boolean topicMatches(int position, byte[] topic);
    }

    /** Receives the matching logs of a block, in block order. */
    @FunctionalInterface
    public interface MatchSink {
        /** {@code logIndex} counts all the block's logs, matching or not. */
        void accept(int transactionIndex, int logIndex, Log log);
    }

    /**
     * Reports the logs of a stored receipts value that {@code matcher} accepts, without building the
     * others: the filter is first resolved against the block's dictionaries (a block that lacks a
     * wanted value is rejected before any log is read), then each log is checked by dictionary index.
     */
    public static void scan(byte[] value, LogMatcher matcher, MatchSink sink) {
        ByteSource in = new ByteSource(value, "stored receipts");
        int count = in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        byte[][] addresses = new byte[in.readVarInt(MAX_DICTIONARY)][];
        boolean[] addressOk = matcher.constrainsAddress() ? new boolean[addresses.length] : null;
        boolean anyAddress = addressOk == null;
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = in.read(Address.SIZE);
            if (addressOk != null && matcher.addressMatches(addresses[i])) {
                addressOk[i] = anyAddress = true;
            }
        }
        byte[][] topics = new byte[in.readVarInt(MAX_DICTIONARY)][];
        int positions = matcher.constrainedPositions();
        boolean[][] topicOk = new boolean[DecodeLimits.MAX_TOPICS][];
        int satisfiable = 0;
        for (int p = 0; p < DecodeLimits.MAX_TOPICS; p++) {
            if ((positions & (1 << p)) != 0) {
                topicOk[p] = new boolean[topics.length];
            }
        }
        for (int i = 0; i < topics.length; i++) {
            topics[i] = new byte[WORD];
            readWord(in, topics[i], 0);
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
        int logIndex = 0;
        int[] logTopics = new int[DecodeLimits.MAX_TOPICS];
        for (int r = 0; r < count; r++) {
            in.readByte();
            if (in.readByte() == OUTCOME_STATE_ROOT) {
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
                match &= (positions >>> topicCount) == 0;
                if (!match) {
                    skipData(in);
                    continue;
                }
                List<Hash> hashes = new ArrayList<>(topicCount);
                for (int t = 0; t < topicCount; t++) {
                    hashes.add(Hash.wrap(topics[logTopics[t]].clone()));
                }
                sink.accept(r, logIndex, Log.of(Address.wrap(addresses[address].clone()), hashes, readData(in)));
            }
        }
        in.ensureEnd();
    }

    private static void skipData(ByteSource in) {
        int length = in.readVarInt(Integer.MAX_VALUE - 8);
        if (length % WORD != 0) {
            in.skip(length);
            return;
        }
        for (int at = 0; at < length; at += WORD) {
            int zeros = in.readByte();
            if (zeros > WORD) {
                throw in.corrupt("word with " + zeros + " leading zeros");
            }
            in.skip(WORD - zeros);
        }
    }

    private static <T> T pick(ByteSource in, T[] dictionary) {
        return dictionary[in.readVarInt(dictionary.length - 1)];
    }

    private static void writeData(ByteSink out, byte[] data) {
        out.writeVarLong(data.length);
        if (data.length % WORD != 0) {
            out.write(data);
            return;
        }
        for (int at = 0; at < data.length; at += WORD) {
            writeWord(out, data, at);
        }
    }

    private static byte[] readData(ByteSource in) {
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

    private static void writeWord(ByteSink out, byte[] bytes, int offset) {
        int zeros = 0;
        while (zeros < WORD && bytes[offset + zeros] == 0) {
            zeros++;
        }
        out.writeByte(zeros).write(bytes, offset + zeros, WORD - zeros);
    }

    private static void readWord(ByteSource in, byte[] dst, int offset) {
        int zeros = in.readByte();
        if (zeros > WORD) {
            throw in.corrupt("word with " + zeros + " leading zeros");
        }
        in.readInto(dst, offset + zeros, WORD - zeros);
    }
}
