package io.annals.store;

import io.annals.core.types.Hash;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The LevelDB key layout: a one-byte table prefix, then a big-endian block number (so iteration is
 * in block order) or a hash. The full schema, with the value layouts, is in docs/architecture.md
 * ("Storage").
 *
 * <pre>
 * m name                      metadata (schema version, chain, start block, log-index salt, ...)
 * e shard(8)                  committed end offset of a segment file
 * k number(8)                 checkpoint: a trusted block hash
 * p first(8)                  presence run: the last number of a run of present blocks
 * h number(8)                 header RLP
 * n hash(32)                  canonical block hash to number
 * b number(8)                 where the block's body, receipts and transaction hashes lie in its segment
 * t txhash[0..8) number(8)    transaction lookup: the index (or indices) in that block
 * l partition(4) bucket(1) group(1)    log-index entry: one bucket's fingerprints of 16 blocks
 * </pre>
 */
final class Keys {
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static final byte META = 'm';
    static final byte SEGMENT_END = 'e';
    static final byte CHECKPOINT = 'k';
    static final byte PRESENCE = 'p';
    static final byte HEADER = 'h';
    static final byte CANONICAL = 'n';
    static final byte BLOCK = 'b';
    static final byte TX_LOOKUP = 't';
    static final byte LOG_INDEX = 'l';

    /**
     * The bytes of a transaction hash a lookup key keeps; the full hash is in the block's segment
     * record.
     */
    static final int TX_PREFIX = 8;

    private Keys() {}

    static byte[] meta(String name) {
        byte[] key = new byte[1 + name.length()];
        key[0] = META;
        for (int i = 0; i < name.length(); i++) {
            key[1 + i] = (byte) name.charAt(i);
        }
        return key;
    }

    static byte[] header(long number) {
        return numbered(HEADER, number);
    }

    static byte[] block(long number) {
        return numbered(BLOCK, number);
    }

    static byte[] presence(long first) {
        return numbered(PRESENCE, first);
    }

    static byte[] checkpoint(long number) {
        return numbered(CHECKPOINT, number);
    }

    static byte[] segmentEnd(long shard) {
        return numbered(SEGMENT_END, shard);
    }

    static byte[] canonical(Hash hash) {
        byte[] key = new byte[1 + Hash.SIZE];
        key[0] = CANONICAL;
        hash.copyTo(key, 1);
        return key;
    }

    static byte[] txLookup(byte[] txHash, long number) {
        byte[] key = new byte[1 + TX_PREFIX + 8];
        key[0] = TX_LOOKUP;
        System.arraycopy(txHash, 0, key, 1, TX_PREFIX);
        putLong(key, 1 + TX_PREFIX, number);
        return key;
    }

    /**
     * The prefix shared by every lookup key of transactions whose hash starts like {@code txHash}.
     */
    static byte[] txLookupPrefix(byte[] txHash) {
        byte[] key = new byte[1 + TX_PREFIX];
        key[0] = TX_LOOKUP;
        System.arraycopy(txHash, 0, key, 1, TX_PREFIX);
        return key;
    }

    static long txLookupNumber(byte[] key) {
        return readLong(key, 1 + TX_PREFIX);
    }

    /** The first key of a table (the prefix alone) and the first key after it. */
    /** A table's name, for statistics. */
    static String tableName(byte prefix) {
        return switch (prefix) {
            case META -> "metadata";
            case SEGMENT_END -> "segment ends";
            case CHECKPOINT -> "checkpoints";
            case PRESENCE -> "presence runs";
            case HEADER -> "headers";
            case CANONICAL -> "canonical index";
            case BLOCK -> "segment locations";
            case TX_LOOKUP -> "transaction lookups";
            case LOG_INDEX -> "log index";
            default -> "unknown table";
        };
    }

    static byte[] tableStart(byte prefix) {
        return new byte[] {prefix};
    }

    static byte[] tableEnd(byte prefix) {
        return new byte[] {(byte) (prefix + 1)};
    }

    static byte[] numbered(byte prefix, long number) {
        byte[] key = new byte[9];
        key[0] = prefix;
        putLong(key, 1, number);
        return key;
    }

    /** The number in a {@link #numbered} key. */
    static long number(byte[] key) {
        return readLong(key, 1);
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static void putLong(byte[] out, int at, long value) {
        BIG_ENDIAN_LONG.set(out, at, value);
    }

    /**
     * The big-endian long at {@code in[at, at + 8)}: one load, where a loop over the bytes is eight
     * (the log index fingerprints every value of every log with it).
     */
    static long readLong(byte[] in, int at) {
        return (long) BIG_ENDIAN_LONG.get(in, at);
    }
}
