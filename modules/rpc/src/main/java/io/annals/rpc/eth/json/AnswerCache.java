package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.core.types.Hash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Encoded answers for the newest blocks, which every indexer asks for again and again: each log's
 * JSON, every log of a block, and whole answers (a block with hashes or full transactions, a
 * block's receipts), keyed by the block's hash, so that no reorg can make an entry wrong (an answer
 * is a function of the block's content). Only blocks within {@code newestBlocks} of the head are
 * kept, least recently used out first, at most {@code maxBytes} of JSON in all; a scan of old
 * history never evicts what the tip's readers need. A hit writes the stored bytes as they are (see
 * {@link RawJson}): the answer is byte for byte what encoding it again would give.
 */
public final class AnswerCache {
    /** What an entry holds. */
    public enum Kind {
        LOG,
        BLOCK_LOGS,
        BLOCK_HASHES,
        BLOCK_FULL,
        RECEIPTS
    }

    private record Key(Kind kind, Hash block, int index) {}

    private static final JsonFactory JSON = new JsonFactory();

    /** A rough per-entry overhead (map entry, key, array header), counted against the budget. */
    private static final int ENTRY_OVERHEAD = 96;

    private final long maxBytes;
    private final int newestBlocks;
    private final LongSupplier head;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    /**
     * @param head the contiguous head (-1 when nothing is stored), read without blocking
     */
    public AnswerCache(long maxBytes, int newestBlocks, LongSupplier head) {
        this.maxBytes = maxBytes;
        this.newestBlocks = newestBlocks;
        this.head = head;
    }

    /** A cache that keeps nothing. */
    public static AnswerCache disabled() {
        return new AnswerCache(0, 0, () -> -1);
    }

    /**
     * Writes {@code value} (the answer of {@code kind} for the block {@code block}/{@code number},
     * and for logs its index) from the cache, encoding and keeping it first when it is not there.
     */
    public void write(
            JsonGenerator out, Kind kind, Hash block, long number, int index, JsonWritable value)
            throws IOException {
        if (maxBytes == 0 || number <= head.getAsLong() - newestBlocks) {
            value.writeTo(out);
            return;
        }
        Key key = new Key(kind, block, index);
        byte[] json;
        synchronized (entries) {
            json = entries.get(key);
            if (json != null) {
                hits++;
            } else {
                misses++;
            }
        }
        if (json == null) {
            json = encode(value);
            put(key, json);
        }
        out.writeRawValue(new RawJson(json));
    }

    /**
     * The stored answer, or null: a caller that finds one need not read the block at all. Counts a
     * hit or a miss.
     */
    public JsonWritable lookup(Kind kind, Hash block, long number, int index) {
        if (maxBytes == 0 || number <= head.getAsLong() - newestBlocks) {
            return null;
        }
        byte[] json;
        synchronized (entries) {
            json = entries.get(new Key(kind, block, index));
            if (json != null) {
                hits++;
            } else {
                misses++;
            }
        }
        return json == null ? null : new EncodedJson(json);
    }

    /** Whether answers for the block at {@code number} are kept (it is among the newest). */
    public boolean keeps(long number) {
        return maxBytes > 0 && number > head.getAsLong() - newestBlocks;
    }

    /**
     * Keeps {@code json}, the encoded answer of {@code kind} for the block, when the block is among
     * the newest; the answer, kept or not, to be sent as it is.
     */
    public EncodedJson keep(Kind kind, Hash block, long number, int index, byte[] json) {
        if (keeps(number)) {
            put(new Key(kind, block, index), json);
        }
        return new EncodedJson(json);
    }

    /**
     * {@code value} as a writable that keeps its encoding when written (for an answer {@link
     * #lookup} did not find).
     */
    public JsonWritable keeping(Kind kind, Hash block, long number, int index, JsonWritable value) {
        if (maxBytes == 0 || number <= head.getAsLong() - newestBlocks) {
            return value;
        }
        Key key = new Key(kind, block, index);
        return out -> {
            byte[] json = encode(value);
            put(key, json);
            out.writeRawValue(new RawJson(json));
        };
    }

    /** The answer as this cache would write it, in a writable: for lists of cached items. */
    public JsonWritable cached(Kind kind, Hash block, long number, int index, JsonWritable value) {
        return out -> write(out, kind, block, number, index, value);
    }

    private void put(Key key, byte[] json) {
        synchronized (entries) {
            if (entries.put(key, json) == null) {
                bytes += json.length + ENTRY_OVERHEAD;
            }
            var it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<Key, byte[]> eldest = it.next();
                bytes -= eldest.getValue().length + ENTRY_OVERHEAD;
                it.remove();
            }
        }
    }

    private static byte[] encode(JsonWritable value) throws IOException {
        if (value instanceof LogJson log) {
            return log.json(); // no generator needed
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            value.writeTo(gen);
        }
        return out.toByteArray();
    }

    /** Bytes of JSON kept now (with the per-entry overhead). */
    public long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }

    /** Answers written from the cache, and those encoded because they were not in it. */
    public long hits() {
        synchronized (entries) {
            return hits;
        }
    }

    public long misses() {
        synchronized (entries) {
            return misses;
        }
    }
}
