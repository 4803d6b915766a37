package io.annals.store;

import io.annals.store.codec.ByteSink;
import io.annals.store.codec.ByteSource;

/**
 * One log-index entry in memory: for each of the 16 blocks of a group that has values in one
 * bucket, its fingerprints' remainders ({@link LogIndex}). A fixed array by block offset, since a
 * group has 16 blocks: the writer fills one per touched bucket and group, a few hundred per block.
 */
final class GroupEntry {
    private final int[][] byOffset = new int[LogIndex.GROUP_SIZE][];
    private int blocks;

    /** Sets the remainders of the block at {@code offset} in the group (replacing any). */
    void put(int offset, int[] remainders) {
        if (byOffset[offset] == null) {
            blocks++;
        }
        byOffset[offset] = remainders;
    }

    void remove(int offset) {
        if (byOffset[offset] != null) {
            blocks--;
            byOffset[offset] = null;
        }
    }

    /** The remainders of the block at {@code offset}, or null when it has none in this bucket. */
    int[] remainders(int offset) {
        return byOffset[offset];
    }

    boolean isEmpty() {
        return blocks == 0;
    }

    /** The entry's value: {@code (offset(1) varint(n) remainder(4){n})*} in increasing offset. */
    byte[] encode() {
        int size = 0;
        for (int[] remainders : byOffset) {
            if (remainders != null) {
                size += 2 + 4 * remainders.length;
            }
        }
        ByteSink out = new ByteSink(size + 8);
        for (int offset = 0; offset < byOffset.length; offset++) {
            int[] remainders = byOffset[offset];
            if (remainders == null) {
                continue;
            }
            out.writeByte(offset).writeVarLong(remainders.length);
            for (int r : remainders) {
                out.writeFixed(r, 4);
            }
        }
        return out.toByteArray();
    }

    static GroupEntry decode(byte[] value) {
        ByteSource in = new ByteSource(value, "log-index entry");
        GroupEntry entry = new GroupEntry();
        while (in.hasMore()) {
            int offset = in.readByte();
            int[] remainders = new int[in.readVarInt(in.remaining() / 4)];
            for (int i = 0; i < remainders.length; i++) {
                remainders[i] = readInt(in);
            }
            if (offset >= LogIndex.GROUP_SIZE || entry.byOffset[offset] != null) {
                throw in.corrupt("block offset " + offset + " is out of range or repeated");
            }
            entry.put(offset, remainders);
        }
        return entry;
    }

    /**
     * The offsets (bit i for offset i) of the group's blocks that hold {@code remainder}, read in
     * place from an entry's value.
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
