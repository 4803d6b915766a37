package io.annals.store;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.types.Transaction;
import io.annals.store.codec.ByteSource;
import io.annals.store.codec.CompactReceipts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads stored blocks through one {@link LevelDb.ReadView}, so that the several keys and segment
 * sections of an answer come from the same state. A segment section that fails its checksum is
 * looked up again outside the view: if the block was rolled back meanwhile (and its record cleared)
 * the answer is "absent", otherwise the store is damaged.
 */
final class BlockReader {
    private final LevelDb db;
    private final SegmentFiles segments;

    BlockReader(LevelDb db, SegmentFiles segments) {
        this.db = db;
        this.segments = segments;
    }

    Optional<byte[]> headerBytes(LevelDb.ReadView view, long number) {
        return Optional.ofNullable(view.get(Keys.header(number)));
    }

    Optional<BlockHeader> header(LevelDb.ReadView view, long number) {
        return headerBytes(view, number)
                .map(bytes -> decode(() -> BlockHeader.decode(bytes), "header", number));
    }

    Optional<Hash> hash(LevelDb.ReadView view, long number) {
        return headerBytes(view, number).map(bytes -> Hash.wrap(Keccak256.hash(bytes)));
    }

    /**
     * The block's hash and timestamp from one read of its header, without decoding the rest of it.
     */
    Optional<BlockStamp> stamp(LevelDb.ReadView view, long number) {
        return headerBytes(view, number)
                .map(
                        bytes ->
                                new BlockStamp(
                                        Hash.wrap(Keccak256.hash(bytes)),
                                        decode(() -> timestampOf(bytes), "header", number)));
    }

    /** The hash and timestamp of a stored block: what a log needs of its block. */
    record BlockStamp(Hash hash, long timestamp) {}

    /** The timestamp, the twelfth field of every header layout (yellow paper, section 4.3). */
    private static long timestampOf(byte[] headerRlp) {
        RlpReader fields = RlpReader.list(headerRlp);
        for (int i = 0; i < 11; i++) {
            fields.skip();
        }
        return fields.readLong();
    }

    OptionalLong number(LevelDb.ReadView view, Hash hash) {
        byte[] value = view.get(Keys.canonical(hash));
        return value == null
                ? OptionalLong.empty()
                : OptionalLong.of(
                        new ByteSource(value, "canonical number of " + hash).readVarLong());
    }

    Optional<SegmentLocation> location(LevelDb.ReadView view, long number) {
        return Optional.ofNullable(view.get(Keys.block(number)))
                .map(v -> SegmentLocation.decode(v, number));
    }

    Optional<byte[]> bodyBytes(LevelDb.ReadView view, long number) {
        return location(view, number)
                .flatMap(
                        at ->
                                section(
                                        number,
                                        at,
                                        at.offset(),
                                        at.bodyLength(),
                                        at.bodyCrc(),
                                        "body"));
    }

    Optional<BlockBody> body(LevelDb.ReadView view, long number) {
        return bodyBytes(view, number)
                .map(bytes -> decode(() -> BlockBody.decode(bytes), "body", number));
    }

    Optional<byte[]> receiptBytes(LevelDb.ReadView view, long number) {
        return location(view, number).flatMap(at -> receiptBytes(number, at));
    }

    Optional<byte[]> receiptBytes(long number, SegmentLocation at) {
        return section(
                number, at, at.receiptsOffset(), at.receiptsLength(), at.receiptsCrc(), "receipts");
    }

    Optional<byte[]> hashBytes(long number, SegmentLocation at) {
        return section(
                number,
                at,
                at.hashesOffset(),
                at.hashesLength(),
                at.hashesCrc(),
                "transaction hashes");
    }

    Optional<List<Hash>> transactionHashes(LevelDb.ReadView view, long number) {
        return location(view, number)
                .flatMap(at -> hashBytes(number, at))
                .map(BlockReader::splitHashes);
    }

    /**
     * The transaction with this hash: lookup keys hold 8 bytes of it, the block's hash list
     * confirms it.
     */
    Optional<TransactionLocation> transaction(LevelDb.ReadView view, Hash txHash) {
        byte[] prefix = Keys.txLookupPrefix(txHash.unsafeArray());
        byte[] end = Keys.txLookupPrefix(txHash.unsafeArray());
        increment(end);
        List<long[]> candidates = new ArrayList<>(1);
        view.scan(
                prefix,
                end,
                (key, value) -> {
                    ByteSource indices = new ByteSource(value, "transaction lookup");
                    while (indices.hasMore()) {
                        candidates.add(
                                new long[] {
                                    Keys.txLookupNumber(key), indices.readVarInt(Integer.MAX_VALUE)
                                });
                    }
                    return true;
                });
        for (long[] candidate : candidates) {
            long number = candidate[0];
            int index = (int) candidate[1];
            Optional<SegmentLocation> at = location(view, number);
            if (at.isEmpty() || index >= at.get().transactionCount()) {
                continue;
            }
            Optional<byte[]> hashes = hashBytes(number, at.get());
            if (hashes.isPresent()
                    && Arrays.equals(
                            hashes.get(),
                            index * Hash.SIZE,
                            (index + 1) * Hash.SIZE,
                            txHash.unsafeArray(),
                            0,
                            Hash.SIZE)) {
                Optional<Transaction> tx =
                        bodyBytes(view, number).map(body -> transactionAt(body, index, number));
                Optional<Hash> blockHash = hash(view, number);
                if (tx.isPresent() && blockHash.isPresent()) {
                    return Optional.of(
                            new TransactionLocation(number, blockHash.get(), index, tx.get()));
                }
            }
        }
        return Optional.empty();
    }

    Optional<BlockReceipts> receipts(LevelDb.ReadView view, long number) {
        Optional<SegmentLocation> at = location(view, number);
        Optional<BlockStamp> block = stamp(view, number);
        if (at.isEmpty() || block.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> value = receiptBytes(number, at.get());
        Optional<byte[]> hashes = hashBytes(number, at.get());
        if (value.isEmpty() || hashes.isEmpty()) {
            return Optional.empty();
        }
        List<Receipt> receipts = CompactReceipts.decode(value.get());
        List<Hash> txHashes = splitHashes(hashes.get());
        if (txHashes.size() != receipts.size()) {
            throw new StoreCorruptionException(
                    "block "
                            + number
                            + " has "
                            + txHashes.size()
                            + " transactions but "
                            + receipts.size()
                            + " receipts");
        }
        List<StoredReceipt> out = new ArrayList<>(receipts.size());
        long previousGas = 0;
        int logIndex = 0;
        for (int i = 0; i < receipts.size(); i++) {
            Receipt receipt = receipts.get(i);
            List<LogEntry> logs = new ArrayList<>(receipt.logs().size());
            for (Log log : receipt.logs()) {
                logs.add(
                        new LogEntry(
                                number,
                                block.get().hash(),
                                block.get().timestamp(),
                                i,
                                txHashes.get(i),
                                logIndex++,
                                log));
            }
            out.add(
                    new StoredReceipt(
                            i,
                            txHashes.get(i),
                            receipt,
                            receipt.cumulativeGasUsed() - previousGas,
                            logs));
            previousGas = receipt.cumulativeGasUsed();
        }
        return Optional.of(new BlockReceipts(number, block.get().hash(), out));
    }

    static List<Hash> splitHashes(byte[] hashes) {
        List<Hash> out = new ArrayList<>(hashes.length / Hash.SIZE);
        for (int at = 0; at < hashes.length; at += Hash.SIZE) {
            out.add(Hash.copyOf(hashes, at));
        }
        return out;
    }

    private Optional<byte[]> section(
            long number, SegmentLocation at, long offset, int length, int crc, String what) {
        long shard = number / HistoryStore.SHARD_SIZE;
        byte[] bytes = segments.read(shard, offset, length);
        if (bytes != null && WritePlan.crc(bytes) == crc) {
            return Optional.of(bytes);
        }
        byte[] current = db.get(Keys.block(number));
        if (current == null || !Arrays.equals(current, at.encode())) {
            return Optional.empty(); // rolled back (and cleared) after this view was taken
        }
        throw new StoreCorruptionException(
                "the "
                        + what
                        + " of block "
                        + number
                        + " in "
                        + SegmentFiles.fileName(shard)
                        + " at offset "
                        + offset
                        + " fail their checksum");
    }

    private static Transaction transactionAt(byte[] body, int index, long number) {
        return decode(
                () -> {
                    RlpReader transactions = RlpReader.of(body).readList().readList();
                    for (int i = 0; i < index; i++) {
                        transactions.skip();
                    }
                    return Transaction.readBodyItem(transactions);
                },
                "transaction " + index,
                number);
    }

    private static <T> T decode(java.util.function.Supplier<T> decoder, String what, long number) {
        try {
            return decoder.get();
        } catch (RlpException e) {
            throw new StoreCorruptionException(
                    "stored "
                            + what
                            + " of block "
                            + number
                            + " does not decode: "
                            + e.getMessage());
        }
    }

    /** The next byte string in unsigned order of the same length (the end of a prefix range). */
    private static void increment(byte[] key) {
        for (int i = key.length - 1; i >= 0; i--) {
            if (++key[i] != 0) {
                return;
            }
        }
    }
}
