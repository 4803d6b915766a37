package io.annals.store;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.store.codec.CompactLogValues;
import java.util.Arrays;
import java.util.List;

/**
 * The log index: for each block, the fingerprints of the distinct values its logs can be filtered
 * by (each log's address, each topic with its position, and each log's address with its first
 * topic), spread over a fixed number of buckets and kept in one entry per bucket and group of 16
 * consecutive blocks.
 *
 * <pre>
 * key   := 'l' partition(4) bucket(1) group(1)   partition = number / 4096, group = number / 16 % 256
 * value := (offset(1) varint(n) remainder(4){n})*   per block of the group that has values in the bucket:
 *                                                  its offset in the group and its fingerprints' low 32 bits
 * </pre>
 *
 * A fingerprint is a 64-bit hash of (kind, value) keyed with a random salt chosen when the store is
 * created, so nobody can craft values that collide with a popular one; its top bits pick the
 * bucket, its low 32 bits are stored. A query for one value reads, per partition, the run of keys
 * of its bucket (one entry per 16 blocks, about 20 bytes per block) instead of every receipt; a
 * matching remainder makes the block a candidate, and the candidate's receipts are then matched
 * exactly, so a rare fingerprint collision costs one receipt read, never a wrong result.
 *
 * <p>Why not one key per (value, block): a mainnet block has about a thousand distinct values, and
 * a thousand randomly-keyed LevelDB inserts per block cost 2-3 CPU-ms (random memtable inserts and
 * their compaction). Buckets and groups cut that to a few hundred entries per 16 blocks, ordered by
 * partition first so that old partitions are never rewritten by compaction, and make a range scan
 * read one entry per 16 blocks. A group written by several batches is read, merged and rewritten
 * ({@link PostingGroups}). docs/architecture.md has the measurements.
 */
final class LogIndex {
    static final int PARTITION_BITS = 12;
    static final int PARTITION_SIZE = 1 << PARTITION_BITS;
    static final int GROUP_BITS = 4;
    static final int GROUP_SIZE = 1 << GROUP_BITS;

    /** Kind 0 is a log's address; kinds 1 to 4 are topics at positions 0 to 3. */
    static final int ADDRESS_KIND = 0;

    /**
     * Kind 5 is a log's (address, topic 0) pair, as a 52-byte value (the address, then the topic):
     * an indexer's most common filter is one contract's one event, and both are common on their own
     * (a popular event's signature occurs in nearly every block), so only the pair narrows the
     * candidates to the blocks with such a log.
     */
    static final int PAIR_KIND = 5;

    private static final Posting[] NONE = new Posting[0];

    private final long salt;
    private final int buckets;
    private final int bucketMask;
    private final boolean pairs;

    /**
     * An index with {@code buckets} buckets per block; none at all (bloom scans only) when 0. With
     * {@code pairs} it also holds each log's (address, topic 0) pair: stores created before pairs
     * existed are read and written without them.
     */
    LogIndex(long salt, int buckets, boolean pairs) {
        this.salt = salt;
        this.buckets = buckets;
        this.bucketMask = buckets - 1;
        this.pairs = pairs && buckets > 0;
    }

    boolean enabled() {
        return buckets > 0;
    }

    /** Whether the index holds (address, topic 0) pairs ({@link #PAIR_KIND}). */
    boolean hasPairs() {
        return pairs;
    }

    /** The value a pair is indexed under: the address, then the topic. */
    static byte[] pairValue(byte[] address, byte[] topic0) {
        byte[] value = Arrays.copyOf(address, Address.SIZE + Hash.SIZE);
        System.arraycopy(topic0, 0, value, Address.SIZE, Hash.SIZE);
        return value;
    }

    int buckets() {
        return buckets;
    }

    static int topicKind(int position) {
        return 1 + position;
    }

    /** The group (16 consecutive blocks) holding a block. */
    static long group(long number) {
        return number >>> GROUP_BITS;
    }

    static int offset(long number) {
        return (int) (number & (GROUP_SIZE - 1));
    }

    /** The key of the entry of {@code bucket} for the group of {@code number}. */
    static byte[] key(long number, int bucket) {
        long partition = number >>> PARTITION_BITS;
        byte[] key = new byte[7];
        key[0] = Keys.LOG_INDEX;
        key[1] = (byte) (partition >>> 24);
        key[2] = (byte) (partition >>> 16);
        key[3] = (byte) (partition >>> 8);
        key[4] = (byte) partition;
        key[5] = (byte) bucket;
        key[6] = (byte) (number >>> GROUP_BITS);
        return key;
    }

    /**
     * The first key after the entry holding {@code number} in {@code bucket}: where a scan through
     * it ends.
     */
    static byte[] keyAfter(long number, int bucket) {
        return java.util.Arrays.copyOf(key(number, bucket), 8); // the key with a zero byte appended
    }

    /** The first block number of the group a key names. */
    static long firstOfGroup(byte[] key) {
        long partition =
                (key[1] & 0xffL) << 24
                        | (key[2] & 0xffL) << 16
                        | (key[3] & 0xffL) << 8
                        | key[4] & 0xffL;
        return partition << PARTITION_BITS | (key[6] & 0xffL) << GROUP_BITS;
    }

    int bucket(long fingerprint) {
        return (int) (fingerprint >>> 56) & bucketMask;
    }

    static int remainder(long fingerprint) {
        return (int) fingerprint;
    }

    /** A block's values in one bucket: the low 32 bits of their fingerprints, sorted. */
    record Posting(int bucket, int[] remainders) {}

    /** The postings of a block with these receipts, in bucket order; none when the index is off. */
    Posting[] postings(List<Receipt> receipts) {
        if (!enabled()) {
            return NONE;
        }
        return postingsOf(sortedDistinct(receipts));
    }

    /**
     * The postings of a block from its stored receipts value, the same as {@link #postings(List)}
     * of the receipts it holds: a fingerprint per distinct value and topic position, read off the
     * value's dictionaries, with no log built.
     */
    Posting[] postings(byte[] compactReceipts) {
        if (!enabled()) {
            return NONE;
        }
        CompactLogValues values = CompactLogValues.of(compactReceipts);
        int count = values.addresses().length;
        for (int positions : values.topicPositions()) {
            count += Integer.bitCount(positions);
        }
        long[] pairList = pairs ? values.addressTopic0Pairs() : new long[0];
        long[] all = new long[count + pairList.length];
        int n = 0;
        long[] addressPrints = new long[values.addresses().length];
        for (int a = 0; a < addressPrints.length; a++) {
            addressPrints[a] = fingerprint(ADDRESS_KIND, values.addresses()[a]);
            all[n++] = bucketed(addressPrints[a]);
        }
        long[] topic0Prints = new long[values.topics().length];
        for (int t = 0; t < values.topics().length; t++) {
            for (int positions = values.topicPositions()[t]; positions != 0; ) {
                int position = Integer.numberOfTrailingZeros(positions);
                positions &= positions - 1;
                long print = fingerprint(topicKind(position), values.topics()[t]);
                if (position == 0) {
                    topic0Prints[t] = print;
                }
                all[n++] = bucketed(print);
            }
        }
        for (long pair : pairList) {
            all[n++] =
                    bucketed(
                            pairFingerprint(
                                    addressPrints[(int) (pair >>> 32)], topic0Prints[(int) pair]));
        }
        return postingsOf(sortedWithoutDuplicates(all));
    }

    private static Posting[] postingsOf(long[] sorted) {
        int used = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || (sorted[i] >>> 32) != (sorted[i - 1] >>> 32)) {
                used++;
            }
        }
        Posting[] out = new Posting[used];
        int start = 0;
        for (int b = 0; b < used; b++) {
            int end = start;
            while (end < sorted.length && (sorted[end] >>> 32) == (sorted[start] >>> 32)) {
                end++;
            }
            int[] remainders = new int[end - start];
            for (int i = start; i < end; i++) {
                remainders[i - start] = (int) sorted[i];
            }
            out[b] = new Posting((int) (sorted[start] >>> 32), remainders);
            start = end;
        }
        return out;
    }

    /** (bucket << 32 | remainder) of every value of every log, sorted and without duplicates. */
    private long[] sortedDistinct(List<Receipt> receipts) {
        int count = 0;
        for (Receipt receipt : receipts) {
            for (Log log : receipt.logs()) {
                count += 1 + log.topics().size() + (pairs && !log.topics().isEmpty() ? 1 : 0);
            }
        }
        long[] all = new long[count];
        int n = 0;
        for (Receipt receipt : receipts) {
            for (Log log : receipt.logs()) {
                long addressPrint = fingerprint(ADDRESS_KIND, log.address().unsafeArray());
                all[n++] = bucketed(addressPrint);
                List<Hash> topics = log.topics();
                for (int t = 0; t < topics.size(); t++) {
                    long print = fingerprint(topicKind(t), topics.get(t).unsafeArray());
                    all[n++] = bucketed(print);
                    if (t == 0 && pairs) {
                        all[n++] = bucketed(pairFingerprint(addressPrint, print));
                    }
                }
            }
        }
        return sortedWithoutDuplicates(all);
    }

    private long[] sortedWithoutDuplicates(long[] all) {
        return BucketOrder.sortedDistinct(all, buckets);
    }

    private long bucketed(long fingerprint) {
        return (long) bucket(fingerprint) << 32 | (remainder(fingerprint) & 0xffffffffL);
    }

    /**
     * A 64-bit hash of a kind and a 20- or 32-byte value, keyed with the store's salt:
     * MurmurHash3's block mixing over 8-byte words and its 64-bit finaliser. Not a cryptographic
     * MAC, but with a secret salt an attacker cannot aim a collision at a chosen value.
     */
    long fingerprint(int kind, byte[] value) {
        if (kind == PAIR_KIND) {
            return pairFingerprint(
                    fingerprint(ADDRESS_KIND, Arrays.copyOf(value, Address.SIZE)),
                    fingerprint(
                            topicKind(0),
                            Arrays.copyOfRange(value, Address.SIZE, Address.SIZE + Hash.SIZE)));
        }
        long h = salt ^ (kind * 0x9E3779B97F4A7C15L) ^ value.length;
        int at = 0;
        for (; at + 8 <= value.length; at += 8) {
            h = mixWord(h, Keys.readLong(value, at));
        }
        if (at < value.length) {
            long tail = 0;
            for (; at < value.length; at++) {
                tail = tail << 8 | (value[at] & 0xff);
            }
            h = mixWord(h, tail);
        }
        return finalise(h);
    }

    /**
     * A pair's fingerprint from its parts' (each already keyed with the salt), so that indexing a
     * log's pair costs two mixing rounds, not a hash of 52 more bytes.
     */
    private long pairFingerprint(long addressPrint, long topic0Print) {
        long h = salt ^ (PAIR_KIND * 0x9E3779B97F4A7C15L);
        return finalise(mixWord(mixWord(h, addressPrint), topic0Print));
    }

    private static long mixWord(long h, long word) {
        long k = word * 0x87c37b91114253d5L;
        k = Long.rotateLeft(k, 31) * 0x4cf5ad432745937fL;
        h ^= k;
        return Long.rotateLeft(h, 27) * 5 + 0x52dce729;
    }

    private static long finalise(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
