package io.annals.bench.store;

import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.types.Transaction;
import io.annals.store.FullBlock;
import io.annals.store.StoreSettings;
import io.annals.store.codec.ByteSink;
import io.annals.store.codec.CompactReceipts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

/**
 * The layout the store was measured against: the same entries as the store (header, canonical
 * entry, transaction lookups, log postings), but with each block's body, compact receipts and
 * transaction hashes as LevelDB values instead of segment records. Postings are either bucketed as
 * in the store ({@code buckets}: 256 entries per block at most) or one key per distinct value and
 * block ({@code per-value}: about a thousand per mainnet block). Write-only; nothing reads it.
 */
final class LevelDbOnlyBaseline implements StoreWriteBench.BlockSink {
    private final DB db;
    private final WriteOptions writeOptions;
    private final boolean perValue;

    LevelDbOnlyBaseline(Path dir, StoreSettings settings, String postings) throws IOException {
        Options options =
                new Options()
                        .createIfMissing(true)
                        .writeBufferSize(settings.writeBufferBytes())
                        .blockSize(settings.blockSizeBytes())
                        .cacheSize(settings.cacheBytes())
                        .compressionType(
                                settings.compression()
                                        ? CompressionType.SNAPPY
                                        : CompressionType.NONE)
                        .maxOpenFiles(settings.maxOpenFiles());
        this.db = JniDBFactory.factory.open(dir.resolve("index").toFile(), options);
        this.writeOptions = new WriteOptions().sync(settings.syncWrites());
        this.perValue = postings.equals("per-value");
    }

    @Override
    public void write(List<FullBlock> blocks) {
        try (WriteBatch batch = db.createWriteBatch()) {
            for (FullBlock block : blocks) {
                long n = block.number();
                batch.put(key('h', n), block.header().unsafeEncoding());
                batch.put(concat(new byte[] {'n'}, block.hash().unsafeArray()), varint(n));
                batch.put(key('b', n), block.body().encode());
                batch.put(key('r', n), CompactReceipts.encode(block.receipts()));
                List<Transaction> txs = block.body().transactions();
                byte[] hashes = new byte[Hash.SIZE * txs.size()];
                for (int i = 0; i < txs.size(); i++) {
                    byte[] h = txs.get(i).hash().unsafeArray();
                    System.arraycopy(h, 0, hashes, Hash.SIZE * i, Hash.SIZE);
                    byte[] lookup = new byte[17];
                    lookup[0] = 't';
                    System.arraycopy(h, 0, lookup, 1, 8);
                    putLong(lookup, 9, n);
                    batch.put(lookup, varint(i));
                }
                batch.put(key('x', n), hashes);
                putPostings(batch, n, block.receipts());
            }
            db.write(batch, writeOptions);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void putPostings(WriteBatch batch, long n, List<Receipt> receipts) {
        long[] fingerprints =
                receipts.stream()
                        .flatMap(r -> r.logs().stream())
                        .flatMapToLong(
                                log ->
                                        java.util.stream.LongStream.concat(
                                                java.util.stream.LongStream.of(
                                                        fingerprint(
                                                                0, log.address().unsafeArray())),
                                                java.util.stream.IntStream.range(
                                                                0, log.topics().size())
                                                        .mapToLong(
                                                                t ->
                                                                        fingerprint(
                                                                                1 + t,
                                                                                topicBytes(
                                                                                        log, t)))))
                        .distinct()
                        .toArray();
        if (perValue) {
            for (long f : fingerprints) {
                byte[] key = new byte[13];
                key[0] = 'l';
                putInt(key, 1, (int) (n >>> 12));
                for (int i = 0; i < 6; i++) {
                    key[5 + i] = (byte) (f >>> (8 * i));
                }
                key[11] = (byte) (n >>> 8 & 0x0f);
                key[12] = (byte) n;
                batch.put(key, new byte[0]);
            }
            return;
        }
        TreeMap<Integer, ByteSink> buckets = new TreeMap<>();
        for (long f : fingerprints) {
            buckets.computeIfAbsent((int) (f >>> 56), b -> new ByteSink(32))
                    .write(
                            new byte[] {
                                (byte) (f >>> 24), (byte) (f >>> 16), (byte) (f >>> 8), (byte) f
                            });
        }
        buckets.forEach(
                (bucket, remainders) -> {
                    byte[] key = new byte[8];
                    key[0] = 'l';
                    putInt(key, 1, (int) (n >>> 12));
                    key[5] = (byte) (int) bucket;
                    key[6] = (byte) (n >>> 8 & 0x0f);
                    key[7] = (byte) n;
                    batch.put(key, remainders.toByteArray());
                });
    }

    private static byte[] topicBytes(Log log, int position) {
        return log.topics().get(position).unsafeArray();
    }

    /**
     * A 64-bit mix of kind and value (MurmurHash3-style); the store salts the same construction.
     */
    private static long fingerprint(int kind, byte[] value) {
        long h = kind * 0x9E3779B97F4A7C15L ^ value.length;
        for (int at = 0; at < value.length; at += 8) {
            long word = 0;
            for (int i = at; i < Math.min(value.length, at + 8); i++) {
                word = word << 8 | (value[i] & 0xff);
            }
            long k = Long.rotateLeft(word * 0x87c37b91114253d5L, 31) * 0x4cf5ad432745937fL;
            h = Long.rotateLeft(h ^ k, 27) * 5 + 0x52dce729;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    @Override
    public String levelDbStats() {
        return db.getProperty("leveldb.stats");
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] key(char table, long n) {
        byte[] key = new byte[9];
        key[0] = (byte) table;
        putLong(key, 1, n);
        return key;
    }

    private static byte[] varint(long value) {
        return new ByteSink(10).writeVarLong(value).toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void putLong(byte[] out, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static void putInt(byte[] out, int at, int value) {
        for (int i = 3; i >= 0; i--) {
            out[at + i] = (byte) value;
            value >>>= 8;
        }
    }
}
