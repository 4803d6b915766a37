package io.annals.store.codec;

import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.util.ValueDictionary;
import java.util.List;

/**
 * Writes one block's receipts in the form {@link CompactReceipts} describes. One method per part of
 * the value: the sync's writer runs this for every block, and one large method that built the
 * dictionaries, the columns and the heads at once was the JIT's costliest compilation of a sync
 * (docs/benchmarks.md); small loops compile, and inline, on their own. Its dictionaries are its
 * thread's, reused block after block.
 */
final class CompactReceiptsWriter {
    private final List<Receipt> receipts;
    private final int logCount;
    private final int topicCount;

    // one dictionary lookup per value occurrence; the columns hold the indices it gave
    private final ValueDictionary addresses;
    private final ValueDictionary topics;
    private final int[] addressIndex;
    private final byte[] topicCounts;
    private final int[] topicIndex;
    private final int[] marks;
    private final ByteSink data;

    /**
     * The two dictionaries of one thread, cleared after each block, so that their tables grow to a
     * block's size once rather than for every block.
     */
    private static final ThreadLocal<ValueDictionary[]> DICTIONARIES =
            ThreadLocal.withInitial(
                    () ->
                            new ValueDictionary[] {
                                new ValueDictionary(256), new ValueDictionary(1024)
                            });

    /** The stored form of {@code receipts}. */
    static byte[] encode(List<Receipt> receipts) {
        ValueDictionary[] dictionaries = DICTIONARIES.get();
        try {
            return new CompactReceiptsWriter(receipts, dictionaries[0], dictionaries[1])
                    .toByteArray();
        } finally {
            dictionaries[0].clear(); // neither keeps a value of this block
            dictionaries[1].clear();
        }
    }

    private CompactReceiptsWriter(
            List<Receipt> receipts, ValueDictionary addresses, ValueDictionary topics) {
        this.receipts = receipts;
        int logs = 0;
        int topicRefs = 0;
        for (Receipt receipt : receipts) {
            for (Log log : receipt.logs()) {
                logs++;
                topicRefs += log.topics().size();
            }
        }
        logCount = logs;
        topicCount = topicRefs;
        this.addresses = addresses;
        this.topics = topics;
        addressIndex = new int[logCount];
        topicCounts = new byte[logCount];
        topicIndex = new int[topicCount];
        marks = new int[LogTable.marks(logCount)];
        data = new ByteSink(48 * logCount);
        collectLogs();
    }

    /** Fills the columns and the logs' data, in the order of the logs. */
    private void collectLogs() {
        int l = 0;
        int t = 0;
        for (Receipt receipt : receipts) {
            for (Log log : receipt.logs()) {
                if (l % LogTable.MARK_EVERY == 0) {
                    marks[l / LogTable.MARK_EVERY] = data.size();
                }
                topicCounts[l] = (byte) log.topics().size();
                addressIndex[l++] = addresses.indexOf(log.address().unsafeArray());
                t = collectTopics(log.topics(), t);
                CompactReceipts.writeData(data, log.unsafeData());
            }
        }
    }

    private int collectTopics(List<Hash> logTopics, int t) {
        for (int i = 0; i < logTopics.size(); i++) {
            topicIndex[t++] = topics.indexOf(logTopics.get(i).unsafeArray());
        }
        return t;
    }

    private byte[] toByteArray() {
        int addressWidth = LogTable.widthFor(addresses.size());
        int topicWidth = LogTable.widthFor(topics.size());
        ByteSink out =
                new ByteSink(
                        24
                                + 24 * addresses.size()
                                + 24 * topics.size()
                                + (addressWidth + 1) * logCount
                                + topicWidth * topicCount
                                + LogTable.MARK_WIDTH * marks.length
                                + 16 * receipts.size()
                                + data.size());
        out.writeByte(CompactReceipts.TAG_0).writeByte(CompactReceipts.TAG_1);
        out.writeVarLong(receipts.size()).writeVarLong(logCount).writeVarLong(topicCount);
        writeAddresses(out);
        int[] grouped = writeTopics(out);
        out.writeByte(addressWidth).writeByte(topicWidth);
        writeFixed(out, addressIndex, addressWidth);
        out.write(topicCounts);
        writeTopicColumn(out, grouped, topicWidth);
        writeFixed(out, marks, LogTable.MARK_WIDTH);
        writeHeads(out);
        return out.write(data).toByteArray();
    }

    private void writeAddresses(ByteSink out) {
        out.writeVarLong(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            out.write(addresses.valueAt(i));
        }
    }

    /**
     * Writes the topic dictionary; returns each topic's index in the grouped order it has there.
     */
    private int[] writeTopics(ByteSink out) {
        byte[][] words = new byte[topics.size()][];
        for (int i = 0; i < words.length; i++) {
            words[i] = topics.valueAt(i);
        }
        return TopicDictionary.write(out, words);
    }

    private void writeTopicColumn(ByteSink out, int[] grouped, int width) {
        for (int index : topicIndex) {
            out.writeFixed(grouped[index], width);
        }
    }

    private static void writeFixed(ByteSink out, int[] column, int width) {
        for (int value : column) {
            out.writeFixed(value, width);
        }
    }

    private void writeHeads(ByteSink out) {
        long previousGas = 0;
        for (Receipt receipt : receipts) {
            CompactReceipts.writeHead(out, receipt, previousGas);
            previousGas = receipt.cumulativeGasUsed();
        }
    }
}
