package io.annals.core.era;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/** Opens era files, and what the readers of both formats share. */
public final class EraFiles {
    private EraFiles() {}

    /**
     * Checks the structure of the era file on {@code channel} and returns its reader.
     *
     * @throws EraFormatException when the file breaks its format
     */
    public static EraFile open(SeekableByteChannel channel, EraKind kind, EraLimits limits) {
        E2StoreReader reader = new E2StoreReader(channel);
        return switch (kind) {
            case ERA1 -> Era1File.open(reader, limits);
            case ERAE -> EraEFile.open(reader, limits);
        };
    }

    static long uint64At(E2StoreReader reader, long offset) {
        return ByteBuffer.wrap(reader.valueAt(offset, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Entry types that belong to a block: they may not follow the blocks the index counts. */
    static boolean isBlockEntry(int type) {
        return type == EntryTypes.COMPRESSED_HEADER
                || type == EntryTypes.COMPRESSED_BODY
                || type == EntryTypes.COMPRESSED_RECEIPTS
                || type == EntryTypes.COMPRESSED_SLIM_RECEIPTS
                || type == EntryTypes.TOTAL_DIFFICULTY
                || type == EntryTypes.PROOF;
    }

    /**
     * Every entry header from {@code from} up to {@code until} (where the index starts), which the
     * entries must reach exactly. A malformed entry is reported with the block it belongs to
     * ({@code blockOfEntry} maps an entry's ordinal to its block, or -1 past the blocks).
     */
    static List<E2Entry> walk(
            E2StoreReader reader,
            long from,
            long until,
            int maxEntries,
            IntToLongFunction blockOfEntry) {
        List<E2Entry> entries = new ArrayList<>();
        long at = from;
        while (at < until) {
            int ordinal = entries.size();
            if (ordinal == maxEntries) {
                throw EraFormatException.atEntry(
                        at, "more entries than an epoch's blocks can have");
            }
            E2Entry entry;
            try {
                entry = reader.entryAt(at);
            } catch (EraFormatException e) {
                if (ordinal == 0) {
                    throw inBlock(e, blockOfEntry.applyAsLong(ordinal), at);
                }
                // No entry starts here: most likely the one before is shorter than its length says.
                E2Entry before = entries.get(ordinal - 1);
                long beforeBlock = blockOfEntry.applyAsLong(ordinal - 1);
                throw inBlock(
                        EraFormatException.atEntry(
                                at,
                                e.reason()
                                        + "; the entry before it, "
                                        + EntryTypes.describe(before.type())
                                        + (beforeBlock >= 0 ? " of block " + beforeBlock : "")
                                        + " at byte "
                                        + before.offset()
                                        + ", is truncated or misaligned"),
                        blockOfEntry.applyAsLong(ordinal),
                        at);
            }
            if (entry.end() > until) {
                throw inBlock(
                        EraFormatException.atEntry(
                                at,
                                EntryTypes.describe(entry.type())
                                        + " of "
                                        + entry.length()
                                        + " bytes runs into the index at byte "
                                        + until
                                        + " (a truncated or misaligned entry)"),
                        blockOfEntry.applyAsLong(ordinal),
                        at);
            }
            entries.add(entry);
            at = entry.end();
        }
        return entries;
    }

    private static EraFormatException inBlock(EraFormatException e, long block, long offset) {
        return block < 0 ? e : EraFormatException.atBlock(block, offset, e.reason(), e);
    }

    /** Reads an entry's framed value and decompresses it within {@code limit} bytes. */
    static byte[] inflate(E2StoreReader reader, E2Entry entry, int limit, long number) {
        try {
            return SnappyFrames.decompress(
                    reader.value(entry, EraLimits.framed(limit)), limit, entry.offset());
        } catch (EraFormatException e) {
            throw EraFormatException.atBlock(number, entry.offset(), e.reason(), e);
        }
    }
}
