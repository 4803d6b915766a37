package io.annals.store;

import io.annals.store.codec.ByteSink;
import io.annals.store.codec.ByteSource;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The log-index entries one write plan touches, merged in memory: blocks added to a group and
 * blocks removed from it, whatever mix of batches wrote the group before. An entry is read from the
 * plan's snapshot only if some block of its group was already present; a group first written by
 * this plan (the common case in sync, which writes runs of consecutive blocks) costs no read.
 * {@link #flush} puts every touched entry, or deletes it once its last block is gone.
 */
final class PostingGroups {
    private record GroupKey(long group, int bucket) {}

    private final LevelDb.ReadView view;
    private final PresenceRuns before;

    /** Per touched entry: block offset in the group -> its remainders in the bucket. */
    private final Map<GroupKey, TreeMap<Integer, int[]>> groups = new HashMap<>();

    PostingGroups(LevelDb.ReadView view, PresenceRuns before) {
        this.view = view;
        this.before = before;
    }

    void add(long number, LogIndex.Posting[] postings) {
        for (LogIndex.Posting posting : postings) {
            load(number, posting.bucket()).put(LogIndex.offset(number), posting.remainders());
        }
    }

    void remove(long number, int bucket) {
        load(number, bucket).remove(LogIndex.offset(number));
    }

    void flush(Batch batch) {
        groups.forEach(
                (key, blocks) -> {
                    byte[] entryKey =
                            LogIndex.key(key.group() << LogIndex.GROUP_BITS, key.bucket());
                    if (blocks.isEmpty()) {
                        batch.delete(entryKey);
                    } else {
                        batch.put(entryKey, encode(blocks));
                    }
                });
    }

    private TreeMap<Integer, int[]> load(long number, int bucket) {
        return groups.computeIfAbsent(
                new GroupKey(LogIndex.group(number), bucket),
                key -> {
                    long first = key.group() << LogIndex.GROUP_BITS;
                    boolean stored =
                            !before.presentIn(first, first + LogIndex.GROUP_SIZE - 1).isEmpty();
                    byte[] value = stored ? view.get(LogIndex.key(first, bucket)) : null;
                    return value == null ? new TreeMap<>() : decode(value);
                });
    }

    static byte[] encode(TreeMap<Integer, int[]> blocks) {
        ByteSink out = new ByteSink(8 + 24 * blocks.size());
        blocks.forEach(
                (offset, remainders) -> {
                    out.writeByte(offset).writeVarLong(remainders.length);
                    for (int r : remainders) {
                        out.writeByte(r >>> 24).writeByte(r >>> 16).writeByte(r >>> 8).writeByte(r);
                    }
                });
        return out.toByteArray();
    }

    static TreeMap<Integer, int[]> decode(byte[] value) {
        ByteSource in = new ByteSource(value, "log-index entry");
        TreeMap<Integer, int[]> blocks = new TreeMap<>();
        while (in.hasMore()) {
            int offset = in.readByte();
            int[] remainders = new int[in.readVarInt(in.remaining() / 4)];
            for (int i = 0; i < remainders.length; i++) {
                remainders[i] = readInt(in);
            }
            if (offset >= LogIndex.GROUP_SIZE || blocks.put(offset, remainders) != null) {
                throw in.corrupt("block offset " + offset + " is out of range or repeated");
            }
        }
        return blocks;
    }

    /**
     * The offsets (bit i for offset i) of the group's blocks that hold {@code remainder}, read in
     * place.
     */
    static int matchMask(byte[] value, int remainder) {
        ByteSource in = new ByteSource(value, "log-index entry");
        int mask = 0;
        while (in.hasMore()) {
            int offset = in.readByte();
            int count = in.readVarInt(in.remaining() / 4);
            for (int i = 0; i < count; i++) {
                if (readInt(in) == remainder && offset < LogIndex.GROUP_SIZE) {
                    mask |= 1 << offset;
                }
            }
        }
        return mask;
    }

    private static int readInt(ByteSource in) {
        return in.readByte() << 24 | in.readByte() << 16 | in.readByte() << 8 | in.readByte();
    }
}
