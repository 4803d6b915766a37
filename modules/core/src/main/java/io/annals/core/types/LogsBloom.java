package io.annals.core.types;

import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.KeccakBatch;
import io.annals.core.util.Hex;
import io.annals.core.util.ValueDictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The 2048-bit log bloom filter of a receipt or a block header (yellow paper, section 4.3.1, the
 * function M3:2048): each log sets three bits for its address and three for each topic. A bit index
 * is the low 11 bits of each of the first three byte pairs of the item's Keccak-256, and bit {@code
 * i} lives in byte {@code 255 - i / 8} (big-endian). Immutable.
 */
public final class LogsBloom {
    public static final int SIZE = 256;
    public static final LogsBloom EMPTY = new LogsBloom(new byte[SIZE]);

    private final byte[] bits;

    private LogsBloom(byte[] bits) {
        this.bits = bits;
    }

    /** Takes ownership of {@code bits}. */
    public static LogsBloom wrap(byte[] bits) {
        if (bits.length != SIZE) {
            throw new IllegalArgumentException("a logs bloom is 256 bytes, got " + bits.length);
        }
        return new LogsBloom(bits);
    }

    public static LogsBloom fromHex(String hex) {
        return wrap(Hex.decode(hex));
    }

    /** The bloom of a receipt: every log's address and topics. */
    public static LogsBloom of(Collection<Log> logs) {
        Builder b = new Builder();
        for (Log log : logs) {
            b.add(log);
        }
        return b.build();
    }

    /**
     * True when the bits of {@code value} (an address or a topic) are all set: it may be present.
     */
    public boolean mightContain(byte[] value) {
        long positions = bitPositions(value);
        for (int i = 0; i < 3; i++) {
            int bit = (int) (positions >>> (11 * i)) & 0x7ff;
            if ((bits[SIZE - 1 - (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    public boolean mightContain(Address address) {
        return mightContain(address.unsafeArray());
    }

    public boolean mightContain(Hash topic) {
        return mightContain(topic.unsafeArray());
    }

    /**
     * True when every bit set in {@code other} is set here (a block bloom covers its receipts'
     * blooms).
     */
    public boolean contains(LogsBloom other) {
        for (int i = 0; i < SIZE; i++) {
            if ((bits[i] & other.bits[i]) != other.bits[i]) {
                return false;
            }
        }
        return true;
    }

    public LogsBloom or(LogsBloom other) {
        byte[] out = bits.clone();
        for (int i = 0; i < SIZE; i++) {
            out[i] |= other.bits[i];
        }
        return new LogsBloom(out);
    }

    public boolean isEmpty() {
        return Arrays.equals(bits, EMPTY.bits);
    }

    public byte[] toArray() {
        return bits.clone();
    }

    /** The backing array without a copy. Do not modify. */
    public byte[] unsafeArray() {
        return bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogsBloom b && Arrays.equals(bits, b.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return Hex.prefixed(bits);
    }

    /** Accumulates bits; not thread-safe. */
    public static final class Builder {
        private final byte[] bits = new byte[SIZE];

        public Builder add(Log log) {
            addValue(log.address().unsafeArray());
            for (Hash topic : log.topics()) {
                addValue(topic.unsafeArray());
            }
            return this;
        }

        /** Sets the three bits of one address or topic. */
        public Builder addValue(byte[] value) {
            setBits(bits, bitPositions(value));
            return this;
        }

        public Builder or(LogsBloom other) {
            for (int i = 0; i < SIZE; i++) {
                bits[i] |= other.bits[i];
            }
            return this;
        }

        public LogsBloom build() {
            return new LogsBloom(bits.clone());
        }
    }

    /**
     * Computes the blooms of many receipts, hashing each distinct address and topic once: a block
     * repeats them heavily (one token, one Transfer topic, hundreds of logs), so this cuts the
     * Keccak work of a block's blooms by a factor of three or more. {@link #bloomsOf} hashes the
     * new values of many receipts together in one {@link KeccakBatch}. Not thread-safe; use one per
     * block, or {@link #clear} it between blocks.
     */
    public static final class Memo {
        /** Each distinct value (address or topic) seen, by index of first use. */
        private final ValueDictionary values = new ValueDictionary(256);

        /** The packed bit positions of the value of each index. */
        private long[] positions = new long[256];

        public LogsBloom bloomOf(List<Log> logs) {
            return bloomsOf(List.of(logs)).get(0);
        }

        /** The bloom of each list of logs (each receipt's), in order. */
        public List<LogsBloom> bloomsOf(List<List<Log>> receiptsLogs) {
            int[] indices = hashNewValues(receiptsLogs);
            List<LogsBloom> blooms = new ArrayList<>(receiptsLogs.size());
            int v = 0;
            for (int r = 0; r < receiptsLogs.size(); r++) {
                List<Log> logs = receiptsLogs.get(r);
                byte[] bits = new byte[SIZE];
                for (int l = 0; l < logs.size(); l++) {
                    int values = 1 + logs.get(l).topics().size();
                    for (int i = 0; i < values; i++) {
                        setBits(bits, positions[indices[v++]]);
                    }
                }
                blooms.add(new LogsBloom(bits));
            }
            return blooms;
        }

        /**
         * Forgets every value seen, keeping the tables for the next block (a memo reused block
         * after block on one thread allocates only what a block has that the tables cannot hold).
         */
        public void clear() {
            values.clear();
        }

        /**
         * Hashes, in one batch, the values no earlier call has seen; returns every value's index,
         * in the order of the logs (address, then topics).
         */
        private int[] hashNewValues(List<List<Log>> receiptsLogs) {
            int count = 0;
            for (int r = 0; r < receiptsLogs.size(); r++) {
                List<Log> logs = receiptsLogs.get(r);
                for (int l = 0; l < logs.size(); l++) {
                    count += 1 + logs.get(l).topics().size();
                }
            }
            int[] indices = new int[count];
            int known = values.size();
            int v = 0;
            // indexed loops: the lists' iterators were a few per cent of a sync's allocation
            for (int r = 0; r < receiptsLogs.size(); r++) {
                List<Log> logs = receiptsLogs.get(r);
                for (int l = 0; l < logs.size(); l++) {
                    Log log = logs.get(l);
                    indices[v++] = values.indexOf(log.address().unsafeArray());
                    List<Hash> topics = log.topics();
                    for (int t = 0; t < topics.size(); t++) {
                        indices[v++] = values.indexOf(topics.get(t).unsafeArray());
                    }
                }
            }
            int added = values.size() - known;
            if (added == 0) {
                return indices;
            }
            byte[] digests = new byte[Hash.SIZE * added];
            KeccakBatch batch = new KeccakBatch(added);
            for (int i = 0; i < added; i++) {
                byte[] value = values.valueAt(known + i);
                batch.add(value, 0, value.length, digests, Hash.SIZE * i);
            }
            batch.run();
            if (positions.length < values.size()) {
                positions = Arrays.copyOf(positions, Math.max(values.size(), 2 * positions.length));
            }
            for (int i = 0; i < added; i++) {
                positions[known + i] = bitPositionsOfDigest(digests, Hash.SIZE * i);
            }
            return indices;
        }
    }

    /** Sets the three bits of a value, given as its packed {@link #bitPositions}. */
    private static void setBits(byte[] bits, long positions) {
        for (int i = 0; i < 3; i++) {
            int bit = (int) (positions >>> (11 * i)) & 0x7ff;
            bits[SIZE - 1 - (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
    }

    /** The three bit indices of a value, 11 bits each, packed low to high. */
    private static long bitPositions(byte[] value) {
        return bitPositionsOfDigest(Keccak256.hash(value), 0);
    }

    /** The three bit indices taken from a value's Keccak-256 at {@code h[at, at + 32)}. */
    private static long bitPositionsOfDigest(byte[] h, int at) {
        long packed = 0;
        for (int i = 0; i < 3; i++) {
            long bit = ((h[at + 2 * i] & 0x07) << 8) | (h[at + 2 * i + 1] & 0xff);
            packed |= bit << (11 * i);
        }
        return packed;
    }
}
