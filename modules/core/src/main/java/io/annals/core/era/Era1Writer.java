package io.annals.core.era;

import io.annals.core.types.Hash;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes one era1 file block by block, holding only each block's offset and header record: the
 * tuples stream out as they come, then {@link #finish} writes the accumulator and the block index
 * (format and offset convention: {@link Era1File}). Receipts are the full eth/68 form, blooms
 * included ({@link ReceiptForm#FULL}).
 */
public final class Era1Writer {
    private final E2StoreWriter out;
    private final long[] offsets = new long[EpochAccumulator.EPOCH_SIZE];
    private final EpochAccumulator accumulator = new EpochAccumulator();
    private long start = -1;
    private int count;

    public Era1Writer(OutputStream out) {
        this.out = new E2StoreWriter(out);
    }

    /**
     * Appends the next block.
     *
     * @param receipts the block's receipts in the eth/68 list form
     */
    public void add(
            long number,
            byte[] header,
            Hash hash,
            byte[] body,
            byte[] receipts,
            BigInteger totalDifficulty)
            throws IOException {
        if (count == 0) {
            start = number;
            out.write(EntryTypes.VERSION, new byte[0]);
        } else if (number != start + count) {
            throw new IllegalArgumentException(
                    "block " + number + " does not follow block " + (start + count - 1));
        }
        if (count == EpochAccumulator.EPOCH_SIZE) {
            throw new IllegalStateException("an era1 file holds at most 8192 blocks");
        }
        offsets[count] = out.write(EntryTypes.COMPRESSED_HEADER, SnappyFrames.compress(header));
        out.write(EntryTypes.COMPRESSED_BODY, SnappyFrames.compress(body));
        out.write(EntryTypes.COMPRESSED_RECEIPTS, SnappyFrames.compress(receipts));
        out.write(
                EntryTypes.TOTAL_DIFFICULTY, EpochAccumulator.uint256LittleEndian(totalDifficulty));
        accumulator.add(hash, totalDifficulty);
        count++;
    }

    /** Writes the accumulator and the block index; returns the accumulator root. */
    public Hash finish() throws IOException {
        if (count == 0) {
            throw new IllegalStateException("an era1 file needs at least one block");
        }
        Hash root = accumulator.root();
        out.write(EntryTypes.ACCUMULATOR, root.toArray());
        long indexAt = out.position();
        ByteBuffer index = ByteBuffer.allocate(16 + 8 * count).order(ByteOrder.LITTLE_ENDIAN);
        index.putLong(start);
        for (int i = 0; i < count; i++) {
            index.putLong(offsets[i] - indexAt);
        }
        index.putLong(count);
        out.write(EntryTypes.BLOCK_INDEX, index.array());
        return root;
    }

    public int count() {
        return count;
    }
}
