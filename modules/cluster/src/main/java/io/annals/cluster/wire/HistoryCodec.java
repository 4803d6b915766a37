package io.annals.cluster.wire;

import io.annals.cluster.read.ReadReply;
import io.annals.cluster.read.ReadRequest;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.types.ReceiptCodec;
import io.annals.core.types.Transaction;
import io.annals.store.BlockRange;
import io.annals.store.BlockReceipts;
import io.annals.store.LogEntry;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import io.annals.store.StoredReceipt;
import io.annals.store.TransactionLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The layouts of reads and their answers. Store values travel in their chain encodings where they
 * have one (header and body RLP as stored, a transaction's canonical bytes, a receipt's consensus
 * encoding, a log's RLP), each decoded by core's strict decoders on arrival; the rest are
 * fixed-width numbers and hashes. An optional is a presence byte before its value.
 */
final class HistoryCodec {
    /** No more than this many topics positions in a log filter (a log has at most four). */
    private static final int MAX_TOPIC_POSITIONS = 4;

    private HistoryCodec() {}

    // ---- requests

    static void writeRequest(WireOut out, ReadRequest request) {
        if (request instanceof ReadRequest.HeaderAt at) {
            out.writeByte(1).writeLong(at.number());
        } else if (request instanceof ReadRequest.HashAt at) {
            out.writeByte(2).writeLong(at.number());
        } else if (request instanceof ReadRequest.BodyAt at) {
            out.writeByte(3).writeLong(at.number());
        } else if (request instanceof ReadRequest.TransactionHashesAt at) {
            out.writeByte(4).writeLong(at.number());
        } else if (request instanceof ReadRequest.ReceiptsAt at) {
            out.writeByte(5).writeLong(at.number());
        } else if (request instanceof ReadRequest.NumberOf of) {
            out.writeByte(6).writeHash(of.hash());
        } else if (request instanceof ReadRequest.TransactionByHash of) {
            out.writeByte(7).writeHash(of.hash());
        } else if (request instanceof ReadRequest.Logs logs) {
            out.writeByte(8);
            writeQuery(out, logs.query());
        } else {
            ReadRequest.MissingIn in = (ReadRequest.MissingIn) request;
            out.writeByte(9).writeLong(in.from()).writeLong(in.to());
        }
    }

    static ReadRequest readRequest(WireIn in) {
        int kind = in.readByte();
        return switch (kind) {
            case 1 -> new ReadRequest.HeaderAt(in.readLong());
            case 2 -> new ReadRequest.HashAt(in.readLong());
            case 3 -> new ReadRequest.BodyAt(in.readLong());
            case 4 -> new ReadRequest.TransactionHashesAt(in.readLong());
            case 5 -> new ReadRequest.ReceiptsAt(in.readLong());
            case 6 -> new ReadRequest.NumberOf(in.readHash());
            case 7 -> new ReadRequest.TransactionByHash(in.readHash());
            case 8 -> new ReadRequest.Logs(readQuery(in));
            case 9 -> new ReadRequest.MissingIn(in.readLong(), in.readLong());
            default -> throw new WireException("unknown read " + kind);
        };
    }

    private static void writeQuery(WireOut out, LogQuery query) {
        out.writeLong(query.fromBlock()).writeLong(query.toBlock()).writeInt(query.maxResults());
        out.writeInt(query.addresses().size());
        query.addresses().forEach(out::writeAddress);
        out.writeInt(query.topics().size());
        for (List<Hash> alternatives : query.topics()) {
            out.writeInt(alternatives.size());
            alternatives.forEach(out::writeHash);
        }
    }

    private static LogQuery readQuery(WireIn in) {
        long from = in.readLong();
        long to = in.readLong();
        int maxResults = in.readInt();
        int addressCount = in.readCount(Address.SIZE, Integer.MAX_VALUE, "addresses");
        List<Address> addresses = new ArrayList<>(addressCount);
        for (int i = 0; i < addressCount; i++) {
            addresses.add(in.readAddress());
        }
        int positions = in.readCount(4, MAX_TOPIC_POSITIONS, "topic positions");
        List<List<Hash>> topics = new ArrayList<>(positions);
        for (int p = 0; p < positions; p++) {
            int count = in.readCount(Hash.SIZE, Integer.MAX_VALUE, "topics");
            List<Hash> alternatives = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                alternatives.add(in.readHash());
            }
            topics.add(alternatives);
        }
        try {
            return new LogQuery(from, to, addresses, topics, maxResults);
        } catch (IllegalArgumentException e) {
            throw new WireException("not a log query: " + e.getMessage(), e);
        }
    }

    // ---- replies

    static void writeReply(WireOut out, ReadReply reply) {
        if (reply instanceof ReadReply.Bytes bytes) {
            out.writeByte(1);
            writeOptional(out, bytes.bytes().isPresent());
            bytes.bytes().ifPresent(out::writeBytes);
        } else if (reply instanceof ReadReply.OneHash hash) {
            out.writeByte(2);
            writeOptional(out, hash.hash().isPresent());
            hash.hash().ifPresent(out::writeHash);
        } else if (reply instanceof ReadReply.Number number) {
            out.writeByte(3);
            writeOptional(out, number.number().isPresent());
            number.number().ifPresent(out::writeLong);
        } else if (reply instanceof ReadReply.Hashes hashes) {
            out.writeByte(4);
            writeOptional(out, hashes.hashes().isPresent());
            hashes.hashes()
                    .ifPresent(
                            list -> {
                                out.writeInt(list.size());
                                list.forEach(out::writeHash);
                            });
        } else if (reply instanceof ReadReply.Transaction tx) {
            out.writeByte(5);
            writeOptional(out, tx.location().isPresent());
            tx.location()
                    .ifPresent(
                            at ->
                                    out.writeLong(at.blockNumber())
                                            .writeHash(at.blockHash())
                                            .writeInt(at.index())
                                            .writeBytes(at.transaction().encoding()));
        } else if (reply instanceof ReadReply.Receipts receipts) {
            out.writeByte(6);
            writeOptional(out, receipts.receipts().isPresent());
            receipts.receipts().ifPresent(block -> writeReceipts(out, block));
        } else if (reply instanceof ReadReply.Logs logs) {
            out.writeByte(7);
            writeResult(out, logs.result());
        } else if (reply instanceof ReadReply.Missing missing) {
            out.writeByte(8);
            writeRanges(out, missing.missing());
        } else {
            out.writeByte(9).writeString(truncated(((ReadReply.Failed) reply).reason()));
        }
    }

    static ReadReply readReply(WireIn in) {
        int kind = in.readByte();
        return switch (kind) {
            case 1 ->
                    new ReadReply.Bytes(
                            in.readBoolean() ? Optional.of(in.readBytes()) : Optional.empty());
            case 2 ->
                    new ReadReply.OneHash(
                            in.readBoolean() ? Optional.of(in.readHash()) : Optional.empty());
            case 3 ->
                    new ReadReply.Number(
                            in.readBoolean()
                                    ? OptionalLong.of(in.readLong())
                                    : OptionalLong.empty());
            case 4 ->
                    new ReadReply.Hashes(
                            in.readBoolean() ? Optional.of(readHashes(in)) : Optional.empty());
            case 5 ->
                    new ReadReply.Transaction(
                            in.readBoolean() ? Optional.of(readLocation(in)) : Optional.empty());
            case 6 ->
                    new ReadReply.Receipts(
                            in.readBoolean() ? Optional.of(readReceipts(in)) : Optional.empty());
            case 7 -> new ReadReply.Logs(readResult(in));
            case 8 -> new ReadReply.Missing(readRanges(in));
            case 9 -> new ReadReply.Failed(in.readString());
            default -> throw new WireException("unknown answer " + kind);
        };
    }

    private static void writeOptional(WireOut out, boolean present) {
        out.writeBoolean(present);
    }

    private static List<Hash> readHashes(WireIn in) {
        int count = in.readCount(Hash.SIZE, Integer.MAX_VALUE, "hashes");
        List<Hash> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hashes.add(in.readHash());
        }
        return hashes;
    }

    private static TransactionLocation readLocation(WireIn in) {
        long number = in.readNonNegative("block number");
        Hash blockHash = in.readHash();
        int index = in.readInt();
        if (index < 0) {
            throw new WireException("negative transaction index " + index);
        }
        return new TransactionLocation(
                number, blockHash, index, Transaction.decode(in.readBytes()));
    }

    private static void writeReceipts(WireOut out, BlockReceipts block) {
        out.writeLong(block.blockNumber()).writeHash(block.blockHash());
        out.writeInt(block.receipts().size());
        for (StoredReceipt receipt : block.receipts()) {
            out.writeInt(receipt.transactionIndex())
                    .writeHash(receipt.transactionHash())
                    .writeBytes(receipt.receipt().consensusEncoding())
                    .writeLong(receipt.gasUsed());
            writeLogs(out, receipt.logs());
        }
    }

    private static BlockReceipts readReceipts(WireIn in) {
        long number = in.readNonNegative("block number");
        Hash hash = in.readHash();
        int count = in.readCount(52, Integer.MAX_VALUE, "receipts");
        List<StoredReceipt> receipts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = in.readInt();
            Hash txHash = in.readHash();
            Receipt receipt = ReceiptCodec.decodeConsensus(in.readBytes());
            long gasUsed = in.readLong();
            receipts.add(new StoredReceipt(index, txHash, receipt, gasUsed, readLogs(in)));
        }
        return new BlockReceipts(number, hash, receipts);
    }

    private static void writeResult(WireOut out, LogQueryResult result) {
        if (result instanceof LogQueryResult.Complete complete) {
            out.writeByte(0);
            writeLogs(out, complete.logs());
        } else if (result instanceof LogQueryResult.TooManyResults tooMany) {
            out.writeByte(1).writeLong(tooMany.coveredThrough()).writeInt(tooMany.limit());
            writeLogs(out, tooMany.logs());
        } else {
            out.writeByte(2);
            writeRanges(out, ((LogQueryResult.Unavailable) result).missing());
        }
    }

    private static LogQueryResult readResult(WireIn in) {
        int kind = in.readByte();
        return switch (kind) {
            case 0 -> new LogQueryResult.Complete(readLogs(in));
            case 1 -> {
                long covered = in.readLong();
                int limit = in.readInt();
                yield new LogQueryResult.TooManyResults(readLogs(in), covered, limit);
            }
            case 2 -> new LogQueryResult.Unavailable(readRanges(in));
            default -> throw new WireException("unknown log query result " + kind);
        };
    }

    private static void writeLogs(WireOut out, List<LogEntry> logs) {
        out.writeInt(logs.size());
        for (LogEntry entry : logs) {
            RlpWriter rlp = new RlpWriter(128);
            entry.log().write(rlp);
            out.writeLong(entry.blockNumber())
                    .writeHash(entry.blockHash())
                    .writeLong(entry.blockTimestamp())
                    .writeInt(entry.transactionIndex())
                    .writeHash(entry.transactionHash())
                    .writeInt(entry.logIndex())
                    .writeBytes(rlp.toByteArray());
        }
    }

    private static List<LogEntry> readLogs(WireIn in) {
        int count = in.readCount(92, Integer.MAX_VALUE, "logs");
        List<LogEntry> logs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long number = in.readNonNegative("block number");
            Hash blockHash = in.readHash();
            long timestamp = in.readLong();
            int txIndex = in.readInt();
            Hash txHash = in.readHash();
            int logIndex = in.readInt();
            RlpReader rlp = RlpReader.of(in.readBytes());
            Log log = Log.read(rlp);
            rlp.ensureEnd();
            logs.add(new LogEntry(number, blockHash, timestamp, txIndex, txHash, logIndex, log));
        }
        return logs;
    }

    private static void writeRanges(WireOut out, List<BlockRange> ranges) {
        out.writeInt(ranges.size());
        ranges.forEach(range -> out.writeLong(range.first()).writeLong(range.last()));
    }

    private static List<BlockRange> readRanges(WireIn in) {
        int count = in.readCount(16, Integer.MAX_VALUE, "ranges");
        List<BlockRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long first = in.readNonNegative("first block");
            long last = in.readNonNegative("last block");
            if (last < first) {
                throw new WireException("not a range: " + first + ".." + last);
            }
            ranges.add(BlockRange.of(first, last));
        }
        return ranges;
    }

    private static String truncated(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
