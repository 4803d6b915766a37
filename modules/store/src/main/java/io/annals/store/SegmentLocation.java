package io.annals.store;

import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import io.annals.store.codec.ByteSink;
import io.annals.store.codec.ByteSource;
import java.util.Optional;

/**
 * Where one block's bulky bytes lie in its shard's segment file, and their checksums. The record is
 * three sections back to back: the body RLP as received, the compact receipts, and the 32-byte
 * transaction hashes in block order.
 *
 * <pre>value := varint(offset) varint(bodyLength) varint(receiptsLength) varint(transactionCount)
 *           crc32c(body) crc32c(receipts) crc32c(hashes)      (4 bytes each, big-endian)
 *           [block hash (32 bytes) varint(timestamp)]</pre>
 *
 * The block's hash and timestamp ride along (every location written since they do; older ones end
 * after the checksums) because a log query reports them for every block with a match, and reading
 * them here saves it a read of the header and a hash of it per block.
 */
record SegmentLocation(
        long offset,
        int bodyLength,
        int receiptsLength,
        int transactionCount,
        int bodyCrc,
        int receiptsCrc,
        int hashesCrc,
        BlockReader.BlockStamp stamp) {

    /** The block's hash and timestamp, if this location was written with them. */
    Optional<BlockReader.BlockStamp> knownStamp() {
        return Optional.ofNullable(stamp);
    }

    long receiptsOffset() {
        return offset + bodyLength;
    }

    long hashesOffset() {
        return offset + bodyLength + receiptsLength;
    }

    int hashesLength() {
        return transactionCount * Hash.SIZE;
    }

    long end() {
        return hashesOffset() + hashesLength();
    }

    long length() {
        return end() - offset;
    }

    byte[] encode() {
        ByteSink out = new ByteSink(80);
        out.writeVarLong(offset)
                .writeVarLong(bodyLength)
                .writeVarLong(receiptsLength)
                .writeVarLong(transactionCount);
        writeInt(out, bodyCrc);
        writeInt(out, receiptsCrc);
        writeInt(out, hashesCrc);
        if (stamp != null) {
            out.write(stamp.hash().unsafeArray()).writeVarLong(stamp.timestamp());
        }
        return out.toByteArray();
    }

    static SegmentLocation decode(byte[] value, long number) {
        ByteSource in = new ByteSource(value, "segment location of block " + number);
        SegmentLocation location =
                new SegmentLocation(
                        in.readVarLong(),
                        in.readVarInt(Integer.MAX_VALUE),
                        in.readVarInt(Integer.MAX_VALUE),
                        in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK),
                        readInt(in),
                        readInt(in),
                        readInt(in),
                        in.hasMore()
                                ? new BlockReader.BlockStamp(
                                        Hash.wrap(in.read(Hash.SIZE)), in.readVarLong())
                                : null);
        in.ensureEnd();
        if (location.offset() < 0) {
            throw in.corrupt("negative offset");
        }
        return location;
    }

    private static void writeInt(ByteSink out, int value) {
        out.writeByte(value >>> 24).writeByte(value >>> 16).writeByte(value >>> 8).writeByte(value);
    }

    private static int readInt(ByteSource in) {
        return in.readByte() << 24 | in.readByte() << 16 | in.readByte() << 8 | in.readByte();
    }
}
