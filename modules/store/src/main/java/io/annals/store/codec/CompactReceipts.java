package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.util.ValueDictionary;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a block's receipts: the eth/69 content (type, outcome, cumulative gas, logs;
 * no bloom) in about half its bytes. A block's logs repeat a few contracts and event signatures
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
 * matches the header. {@link CompactLogScanner} reads only the logs a filter wants.
 */
public final class CompactReceipts {
    static final int WORD = 32;
    private static final int OUTCOME_FAILED = 0;
    private static final int OUTCOME_SUCCEEDED = 1;
    static final int OUTCOME_STATE_ROOT = 2;
    static final int MAX_DICTIONARY = 1 << 22;

    private CompactReceipts() {}

    public static byte[] encode(List<Receipt> receipts) {
        List<Address> addressOrder = new ArrayList<>();
        List<Hash> topicOrder = new ArrayList<>();
        int logCount = 0;
        int topicCount = 0;
        for (Receipt receipt : receipts) {
            for (Log log : receipt.logs()) {
                logCount++;
                topicCount += log.topics().size();
            }
        }
        // one dictionary lookup per value occurrence; the second pass writes the remembered indices
        ValueDictionary addresses = new ValueDictionary(Math.min(logCount, 256));
        ValueDictionary topics = new ValueDictionary(Math.min(topicCount, 1024));
        int[] addressIndex = new int[logCount];
        int[] topicIndex = new int[topicCount];
        int l = 0;
        int t = 0;
        for (Receipt receipt : receipts) {
            for (Log log : receipt.logs()) {
                addressIndex[l++] =
                        indexOf(
                                addresses,
                                addressOrder,
                                log.address(),
                                log.address().unsafeArray());
                for (Hash topic : log.topics()) {
                    topicIndex[t++] = indexOf(topics, topicOrder, topic, topic.unsafeArray());
                }
            }
        }
        ByteSink out =
                new ByteSink(
                        16
                                + 24 * addressOrder.size()
                                + 24 * topicOrder.size()
                                + 64 * logCount
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
        l = 0;
        t = 0;
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
                out.writeVarLong(addressIndex[l++]);
                out.writeByte(log.topics().size());
                for (int i = 0; i < log.topics().size(); i++) {
                    out.writeVarLong(topicIndex[t++]);
                }
                writeData(out, log.unsafeData());
            }
        }
        return out.toByteArray();
    }

    private static <T> int indexOf(
            ValueDictionary dictionary, List<T> order, T value, byte[] bytes) {
        int index = dictionary.indexOf(bytes);
        if (index == order.size()) {
            order.add(value);
        }
        return index;
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
        int zeros = 0;
        while (zeros < WORD && bytes[offset + zeros] == 0) {
            zeros++;
        }
        out.writeByte(zeros).write(bytes, offset + zeros, WORD - zeros);
    }

    static void readWord(ByteSource in, byte[] dst, int offset) {
        int zeros = in.readWordZeros();
        in.readInto(dst, offset + zeros, WORD - zeros);
    }
}
