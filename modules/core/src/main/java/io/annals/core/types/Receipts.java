package io.annals.core.types;

import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.trie.OrderedTrie;
import io.annals.core.util.ByteSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A block's receipts as a whole: the per-block lists of the eth/68 and eth/69 Receipts messages,
 * the {@code receiptsRoot} and the block's logs bloom. Converting between wire forms is decoding
 * with one and encoding with the other.
 */
public final class Receipts {
    private Receipts() {}

    /** Consensus encodings of a block's receipts, back to back; one per thread, reused. */
    private static final ThreadLocal<RlpWriter> ENCODINGS =
            ThreadLocal.withInitial(() -> new RlpWriter(256 * 1024));

    /** A buffer that grew past this for one block is not kept for the next. */
    private static final int KEPT_ENCODINGS = 4 << 20;

    /**
     * The blooms' memo of one thread, cleared after each block: its tables grow to a block's
     * distinct values once instead of from scratch for every block (a few per cent of what a sync
     * allocates).
     */
    private static final ThreadLocal<LogsBloom.Memo> BLOOM_MEMO =
            ThreadLocal.withInitial(LogsBloom.Memo::new);

    /**
     * The receipts root: the ordered trie over the consensus encodings, written back to back into
     * one buffer rather than an array per receipt (and not kept in the receipts afterwards).
     */
    public static Hash root(List<Receipt> receipts) {
        RlpWriter w = ENCODINGS.get();
        try {
            w.reset();
            int[] ends = new int[receipts.size()];
            for (int i = 0; i < receipts.size(); i++) {
                ReceiptCodec.writeConsensus(w, receipts.get(i));
                ends[i] = w.size();
            }
            byte[] encodings = w.buffer();
            return OrderedTrie.rootOfSlices(
                    receipts.size(),
                    i -> {
                        int start = i == 0 ? 0 : ends[i - 1];
                        return new ByteSlice(encodings, start, ends[i] - start);
                    });
        } finally {
            if (w.buffer().length > KEPT_ENCODINGS) {
                ENCODINGS.remove();
            }
        }
    }

    /** The block's logs bloom: the union of the receipts' blooms. */
    public static LogsBloom bloom(List<Receipt> receipts) {
        LogsBloom.Builder b = new LogsBloom.Builder();
        for (Receipt r : receipts) {
            b.or(r.bloom());
        }
        return b.build();
    }

    /**
     * Describes the first way {@code receipts} fail to match {@code header} (receipts root, logs
     * bloom, gas used); empty when they match. The root commits to every receipt; the other two
     * cost nothing extra and name the problem more precisely.
     */
    public static Optional<String> mismatchWith(BlockHeader header, List<Receipt> receipts) {
        Hash root = root(receipts);
        if (!root.equals(header.receiptsRoot())) {
            return Optional.of("receipts root " + root + " != header " + header.receiptsRoot());
        }
        if (!bloom(receipts).equals(header.logsBloom())) {
            return Optional.of("logs bloom of the receipts differs from the header's");
        }
        long gasUsed =
                receipts.isEmpty() ? 0 : receipts.get(receipts.size() - 1).cumulativeGasUsed();
        if (gasUsed != header.gasUsed()) {
            return Optional.of(
                    "cumulative gas "
                            + Long.toUnsignedString(gasUsed)
                            + " != header gasUsed "
                            + Long.toUnsignedString(header.gasUsed()));
        }
        return Optional.empty();
    }

    /** Reads one block's list in the eth/68 form. */
    public static List<Receipt> readEth68List(RlpReader reader) {
        int at = reader.position();
        RlpReader items = reader.readList();
        List<Receipt> out = new ArrayList<>();
        while (items.hasNext()) {
            DecodeLimits.checkCount(
                    out.size() + 1,
                    DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK,
                    "receipts in a block",
                    at);
            out.add(ReceiptCodec.readEth68(items));
        }
        return out;
    }

    /**
     * Reads one block's list in the eth/69 form. The blooms, needed for the receipts root, are
     * computed here with one {@link LogsBloom.Memo} for the block, which hashes the block's
     * distinct values together.
     */
    public static List<Receipt> readEth69List(RlpReader reader) {
        int at = reader.position();
        RlpReader items = reader.readList();
        List<Receipt> out = new ArrayList<>();
        while (items.hasNext()) {
            DecodeLimits.checkCount(
                    out.size() + 1,
                    DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK,
                    "receipts in a block",
                    at);
            out.add(ReceiptCodec.readEth69(items));
        }
        List<List<Log>> logs = new ArrayList<>(out.size());
        for (Receipt receipt : out) {
            logs.add(receipt.logs());
        }
        LogsBloom.Memo memo = BLOOM_MEMO.get();
        List<LogsBloom> blooms;
        try {
            blooms = memo.bloomsOf(logs);
        } finally {
            memo.clear(); // holds no value of this block once it is done
        }
        for (int i = 0; i < out.size(); i++) {
            out.get(i).presetBloom(blooms.get(i));
        }
        return out;
    }

    public static void writeEth68List(RlpWriter w, List<Receipt> receipts) {
        int mark = w.startList();
        for (Receipt r : receipts) {
            ReceiptCodec.writeEth68(w, r);
        }
        w.endList(mark);
    }

    public static void writeEth69List(RlpWriter w, List<Receipt> receipts) {
        int mark = w.startList();
        for (Receipt r : receipts) {
            ReceiptCodec.writeEth69(w, r);
        }
        w.endList(mark);
    }

    /** Decodes exactly one eth/68 per-block list. */
    public static List<Receipt> decodeEth68List(byte[] encoded) {
        RlpReader reader = RlpReader.of(encoded);
        List<Receipt> out = readEth68List(reader);
        reader.ensureEnd();
        return out;
    }

    /** Decodes exactly one eth/69 per-block list. */
    public static List<Receipt> decodeEth69List(byte[] encoded) {
        RlpReader reader = RlpReader.of(encoded);
        List<Receipt> out = readEth69List(reader);
        reader.ensureEnd();
        return out;
    }

    public static byte[] encodeEth68List(List<Receipt> receipts) {
        RlpWriter w = new RlpWriter(512 * receipts.size() + 16);
        writeEth68List(w, receipts);
        return w.toByteArray();
    }

    public static byte[] encodeEth69List(List<Receipt> receipts) {
        RlpWriter w = new RlpWriter(256 * receipts.size() + 16);
        writeEth69List(w, receipts);
        return w.toByteArray();
    }
}
