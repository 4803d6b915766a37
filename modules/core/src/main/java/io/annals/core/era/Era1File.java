package io.annals.core.era;

import io.annals.core.types.Hash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * An era1 file (<a
 * href="https://github.com/eth-clients/e2store-format-specs/blob/main/formats/era1.md">era1.md</a>):
 *
 * <pre>
 * era1        := Version | block-tuple* | other-entries* | Accumulator | BlockIndex
 * block-tuple := CompressedHeader | CompressedBody | CompressedReceipts | TotalDifficulty
 * block-index := starting-number | index | index | ... | count      (all uint64 little-endian)
 * </pre>
 *
 * <p><b>Index offsets.</b> The spec says each index is "relative to index's location in the file",
 * which could mean the index entry, its value or the offset's own slot. go-ethereum, whose files
 * are the ones distributed for mainnet and Sepolia, takes it from the start of the BlockIndex
 * entry, its 8-byte header included: its builder writes {@code offset - base} with {@code base} the
 * position of the index entry (internal/era/onedb/builder.go, {@code Finalize}), and its reader
 * adds back {@code length - 24 - count * 8}, that entry's position (onedb/reader.go, {@code
 * readOffset}). The offsets are negative, stored as two's complement. This reader follows that
 * convention (and so block 0 of a file is at {@code indexEntry + offset[0] = 8}, just after the
 * Version entry); the published files agree.
 *
 * <p><b>Checks on open.</b> The trailer's count (1..8,192) and the BlockIndex entry it implies; the
 * Version entry; then a walk over every entry header up to the index: exactly {@code count} block
 * tuples in order, each entry of its type and the TotalDifficulty 32 bytes, then other entries,
 * then the 32-byte Accumulator as the last entry before the index; and every index offset must
 * point at its tuple's CompressedHeader. Nothing is decompressed until a block is read.
 */
public final class Era1File implements EraFile {
    /** The largest index value: start, 8,192 offsets, count. */
    private static final int MAX_INDEX = 16 + 8 * EpochAccumulator.EPOCH_SIZE;

    private final E2StoreReader reader;
    private final EraLimits limits;
    private final long start;
    private final E2Entry[] headers;
    private final E2Entry[] bodies;
    private final E2Entry[] receipts;
    private final E2Entry[] difficulties;
    private final Hash accumulator;

    private Era1File(
            E2StoreReader reader,
            EraLimits limits,
            long start,
            E2Entry[] headers,
            E2Entry[] bodies,
            E2Entry[] receipts,
            E2Entry[] difficulties,
            Hash accumulator) {
        this.reader = reader;
        this.limits = limits;
        this.start = start;
        this.headers = headers;
        this.bodies = bodies;
        this.receipts = receipts;
        this.difficulties = difficulties;
        this.accumulator = accumulator;
    }

    static Era1File open(E2StoreReader reader, EraLimits limits) {
        long size = reader.size();
        if (size < E2Entry.HEADER_SIZE * 2 + 24) {
            throw EraFormatException.ofFile("the file has " + size + " bytes: too short for era1");
        }
        long count = EraFiles.uint64At(reader, size - 8);
        if (count < 1 || count > EpochAccumulator.EPOCH_SIZE) {
            throw EraFormatException.ofFile(
                    "the BlockIndex count is " + Long.toUnsignedString(count) + ", not 1..8192");
        }
        int n = (int) count;
        long indexAt = size - E2Entry.HEADER_SIZE - 16 - 8L * n;
        if (indexAt < E2Entry.HEADER_SIZE) {
            throw EraFormatException.ofFile(
                    "a BlockIndex of " + n + " blocks does not fit in " + size + " bytes");
        }
        E2Entry indexEntry = reader.entryAt(indexAt, EntryTypes.BLOCK_INDEX);
        if (indexEntry.length() != 16 + 8L * n) {
            throw EraFormatException.atEntry(
                    indexAt,
                    "BlockIndex of "
                            + indexEntry.length()
                            + " bytes does not end the file with a count of "
                            + n);
        }
        ByteBuffer index =
                ByteBuffer.wrap(reader.value(indexEntry, MAX_INDEX)).order(ByteOrder.LITTLE_ENDIAN);
        long start = index.getLong(0);
        if (start < 0 || start > Long.MAX_VALUE - n) {
            throw EraFormatException.atEntry(indexAt, "BlockIndex starting number out of range");
        }
        E2Entry version = reader.entryAt(0, EntryTypes.VERSION);
        if (version.length() != 0) {
            throw EraFormatException.atEntry(0, "the Version entry must be empty");
        }
        List<E2Entry> entries =
                EraFiles.walk(
                        reader,
                        version.end(),
                        indexAt,
                        4 * n + 1024,
                        k -> k / 4 < n ? start + k / 4 : -1);
        if (entries.size() < 4 * n + 1) {
            throw EraFormatException.ofFile(
                    "the file holds "
                            + Math.max(0, entries.size() - 1)
                            + " entries besides its index, too few for "
                            + n
                            + " blocks");
        }
        E2Entry[] headers = new E2Entry[n];
        E2Entry[] bodies = new E2Entry[n];
        E2Entry[] receipts = new E2Entry[n];
        E2Entry[] difficulties = new E2Entry[n];
        for (int i = 0; i < n; i++) {
            long number = start + i;
            headers[i] = expect(entries.get(4 * i), EntryTypes.COMPRESSED_HEADER, number);
            bodies[i] = expect(entries.get(4 * i + 1), EntryTypes.COMPRESSED_BODY, number);
            receipts[i] = expect(entries.get(4 * i + 2), EntryTypes.COMPRESSED_RECEIPTS, number);
            difficulties[i] = expect(entries.get(4 * i + 3), EntryTypes.TOTAL_DIFFICULTY, number);
            if (difficulties[i].length() != 32) {
                throw EraFormatException.atBlock(
                        number,
                        difficulties[i].offset(),
                        "TotalDifficulty has " + difficulties[i].length() + " bytes, not 32");
            }
            long pointsAt = indexAt + index.getLong(8 + 8 * i);
            if (pointsAt != headers[i].offset()) {
                throw EraFormatException.atEntry(
                        indexAt,
                        "BlockIndex offset of block "
                                + number
                                + " points at byte "
                                + pointsAt
                                + ", but its CompressedHeader is at byte "
                                + headers[i].offset()
                                + " (offsets are relative to the BlockIndex entry)");
            }
        }
        E2Entry accumulator = entries.get(entries.size() - 1);
        if (accumulator.type() != EntryTypes.ACCUMULATOR || accumulator.length() != 32) {
            throw EraFormatException.atEntry(
                    accumulator.offset(),
                    "expected the 32-byte Accumulator before the BlockIndex, found "
                            + EntryTypes.describe(accumulator.type())
                            + " of "
                            + accumulator.length()
                            + " bytes");
        }
        for (E2Entry other : entries.subList(4 * n, entries.size() - 1)) {
            if (EraFiles.isBlockEntry(other.type())) {
                throw EraFormatException.atEntry(
                        other.offset(),
                        EntryTypes.describe(other.type())
                                + " after the "
                                + n
                                + " blocks the BlockIndex counts");
            }
        }
        return new Era1File(
                reader,
                limits,
                start,
                headers,
                bodies,
                receipts,
                difficulties,
                Hash.wrap(reader.value(accumulator, 32)));
    }

    private static E2Entry expect(E2Entry entry, int type, long number) {
        if (entry.type() != type) {
            throw EraFormatException.atBlock(
                    number,
                    entry.offset(),
                    "expected "
                            + EntryTypes.describe(type)
                            + " in the block tuple, found "
                            + EntryTypes.describe(entry.type()));
        }
        return entry;
    }

    @Override
    public EraKind kind() {
        return EraKind.ERA1;
    }

    @Override
    public long startBlock() {
        return start;
    }

    @Override
    public int blockCount() {
        return headers.length;
    }

    @Override
    public Optional<Hash> accumulatorRoot() {
        return Optional.of(accumulator);
    }

    @Override
    public Optional<ReceiptForm> receiptForm() {
        return Optional.of(ReceiptForm.FULL);
    }

    @Override
    public EraBlock block(int i) {
        long number = start + i;
        return new EraBlock(
                number,
                headers[i].offset(),
                EraFiles.inflate(reader, headers[i], limits.maxHeaderBytes(), number),
                EraFiles.inflate(reader, bodies[i], limits.maxBodyBytes(), number),
                Optional.of(
                        EraFiles.inflate(reader, receipts[i], limits.maxReceiptsBytes(), number)),
                Optional.of(
                        EpochAccumulator.uint256FromLittleEndian(
                                reader.value(difficulties[i], 32))));
    }

    @Override
    public byte[] header(int i) {
        return EraFiles.inflate(reader, headers[i], limits.maxHeaderBytes(), start + i);
    }

    @Override
    public byte[] body(int i) {
        return EraFiles.inflate(reader, bodies[i], limits.maxBodyBytes(), start + i);
    }

    @Override
    public byte[] receipts(int i) {
        if (receipts == null) {
            throw EraFormatException.ofFile("the file holds no receipts");
        }
        return EraFiles.inflate(reader, receipts[i], limits.maxReceiptsBytes(), start + i);
    }
}
