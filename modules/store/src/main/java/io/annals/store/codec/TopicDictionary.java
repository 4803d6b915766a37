package io.annals.store.codec;

import java.util.Arrays;

/**
 * The topic dictionary of a {@link CompactReceipts} value with a log table: the distinct topics
 * grouped by their count of leading zero bytes, each group the topics without those zeros at a
 * fixed stride.
 *
 * <pre>
 * dictionary := varint(t) group*         (groups in increasing z; their counts add up to t)
 * group      := byte(z) varint(count) ((32 - z) bytes){count}
 * </pre>
 *
 * A wanted topic can only equal an entry of its own group (every topic is stored without all its
 * leading zeros), so a filter compares it with that group alone, entry after entry at the group's
 * stride, instead of walking every entry of the block; and an entry's place follows from its index
 * without a table of offsets.
 */
final class TopicDictionary {
    private static final int WORD = CompactReceipts.WORD;

    private final int size;
    private final int groups;
    private final int[] zeros;
    private final int[] firstIndex;
    private final int[] firstAt;

    private TopicDictionary(int size, int groups, int[] zeros, int[] firstIndex, int[] firstAt) {
        this.size = size;
        this.groups = groups;
        this.zeros = zeros;
        this.firstIndex = firstIndex;
        this.firstAt = firstAt;
    }

    /** Reads the dictionary at the cursor and leaves the cursor after it. */
    static TopicDictionary read(ByteSource in) {
        int size = in.readVarInt(CompactReceipts.MAX_DICTIONARY);
        int[] zeros = new int[WORD + 1];
        int[] firstIndex = new int[WORD + 2];
        int[] firstAt = new int[WORD + 1];
        int groups = 0;
        int entries = 0;
        int previousZeros = -1;
        while (entries < size) {
            int z = in.readWordZeros();
            if (z <= previousZeros) {
                throw in.corrupt("topic group of " + z + " zeros after one of " + previousZeros);
            }
            int count = in.readVarInt(size - entries);
            if (count == 0) {
                throw in.corrupt("empty topic group");
            }
            zeros[groups] = z;
            firstIndex[groups] = entries;
            firstAt[groups] = in.position();
            in.skip(count * (WORD - z));
            entries += count;
            previousZeros = z;
            groups++;
        }
        firstIndex[groups] = size;
        return new TopicDictionary(size, groups, zeros, firstIndex, firstAt);
    }

    int size() {
        return size;
    }

    int groups() {
        return groups;
    }

    /** The leading zero bytes of group {@code g}'s topics. */
    int groupZeros(int g) {
        return zeros[g];
    }

    int groupFirstIndex(int g) {
        return firstIndex[g];
    }

    int groupSize(int g) {
        return firstIndex[g + 1] - firstIndex[g];
    }

    /** The offset of the stored bytes of group {@code g}'s {@code k}th topic. */
    int groupEntryAt(int g, int k) {
        return firstAt[g] + k * (WORD - zeros[g]);
    }

    /** The group that dictionary entry {@code index} belongs to. */
    int groupOf(int index) {
        int g = 0;
        while (firstIndex[g + 1] <= index) {
            g++;
        }
        return g;
    }

    /** The 32-byte topic of dictionary entry {@code index} (its leading zeros put back). */
    byte[] topic(byte[] value, int index) {
        int g = groupOf(index);
        int z = zeros[g];
        byte[] topic = new byte[WORD];
        System.arraycopy(value, groupEntryAt(g, index - firstIndex[g]), topic, z, WORD - z);
        return topic;
    }

    /** Every topic, 32 bytes each, in dictionary order: one pass over the groups. */
    byte[][] topics(byte[] value) {
        byte[][] topics = new byte[size][];
        for (int g = 0; g < groups; g++) {
            int z = zeros[g];
            for (int k = 0; k < groupSize(g); k++) {
                byte[] topic = new byte[WORD];
                System.arraycopy(value, groupEntryAt(g, k), topic, z, WORD - z);
                topics[firstIndex[g] + k] = topic;
            }
        }
        return topics;
    }

    /** The group of topics with {@code z} leading zeros, or -1 when the block has none. */
    int groupWithZeros(int z) {
        for (int g = 0; g < groups; g++) {
            if (zeros[g] == z) {
                return g;
            }
        }
        return -1;
    }

    /** Leading zero bytes of a 32-byte word. */
    static int zerosOf(byte[] word) {
        return CompactReceipts.leadingZeroBytes(word, 0);
    }

    /** Whether group {@code g}'s {@code k}th entry is {@code word} (of the group's zero count). */
    boolean entryEquals(byte[] value, int g, int k, byte[] word) {
        int at = groupEntryAt(g, k);
        int z = zeros[g];
        if (z < WORD && value[at] != word[z]) {
            return false; // most entries of a group differ in their first byte
        }
        return Arrays.equals(value, at, at + WORD - z, word, z, WORD);
    }

    /**
     * Writes {@code topics} as a dictionary and returns each topic's new index (the topics grouped
     * by their zeros, in their given order within a group).
     */
    static int[] write(ByteSink out, byte[][] topics) {
        int[] zeros = new int[topics.length];
        int[] groupSizes = new int[WORD + 1];
        for (int i = 0; i < topics.length; i++) {
            zeros[i] = zerosOf(topics[i]);
            groupSizes[zeros[i]]++;
        }
        int[] next = new int[WORD + 1];
        for (int z = 1; z <= WORD; z++) {
            next[z] = next[z - 1] + groupSizes[z - 1];
        }
        int[] renumbered = new int[topics.length];
        byte[][] grouped = new byte[topics.length][];
        for (int i = 0; i < topics.length; i++) {
            renumbered[i] = next[zeros[i]]++;
            grouped[renumbered[i]] = topics[i];
        }
        out.writeVarLong(topics.length);
        int index = 0;
        for (int z = 0; z <= WORD; z++) {
            if (groupSizes[z] == 0) {
                continue;
            }
            out.writeByte(z).writeVarLong(groupSizes[z]);
            for (int k = 0; k < groupSizes[z]; k++) {
                out.write(grouped[index++], z, WORD - z);
            }
        }
        return renumbered;
    }
}
