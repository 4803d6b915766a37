package io.annals.core.era;

import io.annals.core.types.Hash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An eraE file (<a
 * href="https://github.com/eth-clients/e2store-format-specs/blob/main/formats/ere.md">ere.md</a>):
 *
 * <pre>
 * ere         := Version | CompressedHeader+ | CompressedBody+ | CompressedSlimReceipts* | Proof*
 *                | TotalDifficulty* | other-entries* | Accumulator? | DynamicBlockIndex
 * block-index := starting-number | indexes * count | component-count | count   (uint64 LE)
 * indexes     := header | body | receipts? | difficulty? | proof?
 * </pre>
 *
 * <p>Offsets are relative to the start of the DynamicBlockIndex entry, as in era1 (go-ethereum's
 * internal/era/execdb/builder.go {@code writeIndex}: {@code base} is the position where the index
 * entry is written). Which component a slot holds is read from the type of the entry that block 0's
 * offset points at, as go-ethereum's reader does (execdb/reader.go {@code detectLayout}).
 *
 * <p><b>Checks on open.</b> The trailer (2..5 components, 1..8,192 blocks) and the index entry it
 * implies; the Version entry; a walk over every entry header up to the index; slot 0 the headers,
 * slot 1 the bodies, then slim receipts, total difficulties and proofs in that order, each at most
 * once; every offset of every block pointing at an entry of its slot's type, the blocks of a slot
 * consecutive entries; no block entry the index does not point at; a TotalDifficulty of 32 bytes;
 * an Accumulator, when present, of 32 bytes and last before the index.
 */
public final class EraEFile implements EraFile {
    private static final int MAX_COMPONENTS = 5;
    private static final int MAX_INDEX = 8 + 8 * EpochAccumulator.EPOCH_SIZE * MAX_COMPONENTS + 16;

    private final E2StoreReader reader;
    private final EraLimits limits;
    private final long start;
    private final int count;
    private final E2Entry[] headers;
    private final E2Entry[] bodies;
    private final E2Entry[] receipts;
    private final E2Entry[] difficulties;
    private final Optional<Hash> accumulator;

    private EraEFile(
            E2StoreReader reader,
            EraLimits limits,
            long start,
            int count,
            E2Entry[][] slots,
            Optional<Hash> accumulator) {
        this.reader = reader;
        this.limits = limits;
        this.start = start;
        this.count = count;
        this.headers = slots[0];
        this.bodies = slots[1];
        this.receipts = slots[2];
        this.difficulties = slots[3];
        this.accumulator = accumulator;
    }

    static EraEFile open(E2StoreReader reader, EraLimits limits) {
        long size = reader.size();
        if (size < E2Entry.HEADER_SIZE * 2 + 40) {
            throw EraFormatException.ofFile("the file has " + size + " bytes: too short for eraE");
        }
        long components = EraFiles.uint64At(reader, size - 16);
        long blocks = EraFiles.uint64At(reader, size - 8);
        if (components < 2 || components > MAX_COMPONENTS) {
            throw EraFormatException.ofFile(
                    "the DynamicBlockIndex component count is "
                            + Long.toUnsignedString(components)
                            + ", not 2..5");
        }
        if (blocks < 1 || blocks > EpochAccumulator.EPOCH_SIZE) {
            throw EraFormatException.ofFile(
                    "the DynamicBlockIndex count is "
                            + Long.toUnsignedString(blocks)
                            + ", not 1..8192");
        }
        int n = (int) blocks;
        int slotCount = (int) components;
        long payload = 8 + 8L * n * slotCount + 16;
        long indexAt = size - E2Entry.HEADER_SIZE - payload;
        if (indexAt < E2Entry.HEADER_SIZE) {
            throw EraFormatException.ofFile(
                    "a DynamicBlockIndex of " + n + " blocks does not fit in " + size + " bytes");
        }
        E2Entry indexEntry = reader.entryAt(indexAt, EntryTypes.DYNAMIC_BLOCK_INDEX);
        if (indexEntry.length() != payload) {
            throw EraFormatException.atEntry(
                    indexAt,
                    "DynamicBlockIndex of "
                            + indexEntry.length()
                            + " bytes does not end the file with "
                            + n
                            + " blocks of "
                            + slotCount
                            + " components");
        }
        ByteBuffer index =
                ByteBuffer.wrap(reader.value(indexEntry, MAX_INDEX)).order(ByteOrder.LITTLE_ENDIAN);
        long start = index.getLong(0);
        if (start < 0 || start > Long.MAX_VALUE - n) {
            throw EraFormatException.atEntry(
                    indexAt, "DynamicBlockIndex starting number out of range");
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
                        slotCount * n + 1024,
                        // sections of n entries each: the k-th entry after Version is of block k
                        // mod n
                        k -> k < slotCount * n ? start + k % n : -1);
        Map<Long, Integer> ordinalAt = new HashMap<>(entries.size() * 2);
        for (int k = 0; k < entries.size(); k++) {
            ordinalAt.put(entries.get(k).offset(), k);
        }
        // slots by component: header, body, slim receipts, total difficulty (proofs are not read)
        E2Entry[][] slots = new E2Entry[4][];
        boolean[] referenced = new boolean[entries.size()];
        int previousRank = -1;
        for (int slot = 0; slot < slotCount; slot++) {
            int first = ordinalOf(index, ordinalAt, indexAt, n, slotCount, 0, slot, start);
            int type = entries.get(first).type();
            int rank = rank(type);
            if (slot == 0 && type != EntryTypes.COMPRESSED_HEADER
                    || slot == 1 && type != EntryTypes.COMPRESSED_BODY
                    || slot >= 2 && rank <= previousRank
                    || slot >= 2 && rank < 2) {
                throw EraFormatException.atEntry(
                        indexAt,
                        "DynamicBlockIndex component "
                                + slot
                                + " points at "
                                + EntryTypes.describe(type)
                                + ": components must be header, body, then receipts, difficulty,"
                                + " proof in that order, each at most once");
            }
            previousRank = rank;
            E2Entry[] section = new E2Entry[n];
            for (int i = 0; i < n; i++) {
                int ordinal = ordinalOf(index, ordinalAt, indexAt, n, slotCount, i, slot, start);
                E2Entry entry = entries.get(ordinal);
                if (entry.type() != type || ordinal != first + i) {
                    throw EraFormatException.atEntry(
                            indexAt,
                            "DynamicBlockIndex offset of block "
                                    + (start + i)
                                    + ", component "
                                    + slot
                                    + " points at "
                                    + EntryTypes.describe(entry.type())
                                    + " at byte "
                                    + entry.offset()
                                    + ", not at entry "
                                    + i
                                    + " of the "
                                    + EntryTypes.describe(type)
                                    + " section");
                }
                if (type == EntryTypes.TOTAL_DIFFICULTY && entry.length() != 32) {
                    throw EraFormatException.atBlock(
                            start + i,
                            entry.offset(),
                            "TotalDifficulty has " + entry.length() + " bytes, not 32");
                }
                referenced[ordinal] = true;
                section[i] = entry;
            }
            if (rank < slots.length) {
                slots[rank] = section;
            }
        }
        Optional<Hash> accumulator = Optional.empty();
        for (int k = 0; k < entries.size(); k++) {
            E2Entry entry = entries.get(k);
            if (referenced[k]) {
                continue;
            }
            if (EraFiles.isBlockEntry(entry.type())) {
                throw EraFormatException.atEntry(
                        entry.offset(),
                        EntryTypes.describe(entry.type())
                                + " that the DynamicBlockIndex does not list");
            }
            if (entry.type() == EntryTypes.ACCUMULATOR) {
                if (k != entries.size() - 1 || entry.length() != 32) {
                    throw EraFormatException.atEntry(
                            entry.offset(),
                            "the Accumulator must be 32 bytes and the last entry before the index");
                }
                accumulator = Optional.of(Hash.wrap(reader.value(entry, 32)));
            }
        }
        return new EraEFile(reader, limits, start, n, slots, accumulator);
    }

    /** A component's position in the index order: header, body, receipts, difficulty, proof. */
    private static int rank(int type) {
        return switch (type) {
            case EntryTypes.COMPRESSED_HEADER -> 0;
            case EntryTypes.COMPRESSED_BODY -> 1;
            case EntryTypes.COMPRESSED_SLIM_RECEIPTS -> 2;
            case EntryTypes.TOTAL_DIFFICULTY -> 3;
            case EntryTypes.PROOF -> 4;
            default -> -1;
        };
    }

    private static int ordinalOf(
            ByteBuffer index,
            Map<Long, Integer> ordinalAt,
            long indexAt,
            int n,
            int slotCount,
            int block,
            int slot,
            long start) {
        long pointsAt = indexAt + index.getLong(8 + 8 * (block * slotCount + slot));
        Integer ordinal = ordinalAt.get(pointsAt);
        if (ordinal == null) {
            throw EraFormatException.atEntry(
                    indexAt,
                    "DynamicBlockIndex offset of block "
                            + (start + block)
                            + ", component "
                            + slot
                            + " points at byte "
                            + pointsAt
                            + ", where no entry starts (offsets are relative to the index entry)");
        }
        return ordinal;
    }

    @Override
    public EraKind kind() {
        return EraKind.ERAE;
    }

    @Override
    public long startBlock() {
        return start;
    }

    @Override
    public int blockCount() {
        return count;
    }

    @Override
    public Optional<Hash> accumulatorRoot() {
        return accumulator;
    }

    @Override
    public Optional<ReceiptForm> receiptForm() {
        return receipts == null ? Optional.empty() : Optional.of(ReceiptForm.SLIM);
    }

    @Override
    public EraBlock block(int i) {
        long number = start + i;
        return new EraBlock(
                number,
                headers[i].offset(),
                EraFiles.inflate(reader, headers[i], limits.maxHeaderBytes(), number),
                EraFiles.inflate(reader, bodies[i], limits.maxBodyBytes(), number),
                receipts == null
                        ? Optional.empty()
                        : Optional.of(
                                EraFiles.inflate(
                                        reader, receipts[i], limits.maxReceiptsBytes(), number)),
                difficulties == null
                        ? Optional.empty()
                        : Optional.of(
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
