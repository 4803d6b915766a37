package io.annals.core.chain;

import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.Hex;

/**
 * An EIP-2124 fork identifier (https://eips.ethereum.org/EIPS/eip-2124): {@code hash} is the IEEE
 * CRC32 of the genesis hash followed by every passed fork's activation point as a big-endian
 * uint64; {@code next} is the activation point (block number or timestamp) of the next scheduled
 * fork, or 0 when none is known. It travels as {@code RLP([hash: 4 bytes, next: uint64])} in the
 * eth Status message and in the {@code eth} ENR entry.
 *
 * @param next an unsigned 64-bit value: a remote may announce anything up to 2^64 - 1, which comes
 *     back negative here; compare with {@link Long#compareUnsigned}
 */
public record ForkId(int hash, long next) {
    /** The 4 checksum bytes, big-endian, as they are sent. */
    public byte[] hashBytes() {
        return new byte[] {
            (byte) (hash >>> 24), (byte) (hash >>> 16), (byte) (hash >>> 8), (byte) hash
        };
    }

    public RlpWriter writeTo(RlpWriter writer) {
        int mark = writer.startList();
        writer.writeBytes(hashBytes());
        writer.writeLong(next);
        return writer.endList(mark);
    }

    public byte[] toRlp() {
        return writeTo(new RlpWriter(16)).toByteArray();
    }

    /** Reads a fork id list from {@code reader}: exactly a 4-byte hash and a uint64. */
    public static ForkId readFrom(RlpReader reader) {
        int at = reader.position();
        RlpReader fields = reader.readList();
        byte[] hash = fields.readFixed(4, "fork hash");
        long next = fields.readLong();
        if (fields.hasNext()) {
            throw new RlpException("fork id has more than two fields", at);
        }
        return new ForkId(
                (hash[0] & 0xff) << 24
                        | (hash[1] & 0xff) << 16
                        | (hash[2] & 0xff) << 8
                        | (hash[3] & 0xff),
                next);
    }

    /** Decodes a fork id that is the whole of {@code encoded}. */
    public static ForkId fromRlp(byte[] encoded) {
        RlpReader reader = RlpReader.of(encoded);
        ForkId id = readFrom(reader);
        reader.ensureEnd();
        return id;
    }

    @Override
    public String toString() {
        return "ForkId[hash=0x"
                + Hex.encode(hashBytes())
                + ", next="
                + Long.toUnsignedString(next)
                + "]";
    }
}
