package io.annals.core.types;

import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.ByteSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * The three encodings of a {@link Receipt}.
 *
 * <ul>
 *   <li>Consensus (the receipts-trie value, EIP-2718): legacy {@code rlp([outcome, cumulativeGas,
 *       bloom, logs])}; typed {@code type || rlp([outcome, cumulativeGas, bloom, logs])}.
 *   <li>eth/68 wire item (devp2p caps/eth.md, Receipts): a legacy receipt is the RLP list itself, a
 *       typed receipt is an RLP string holding its consensus encoding.
 *   <li>eth/69 wire item (EIP-7642): {@code rlp([type, outcome, cumulativeGas, logs])}, no bloom;
 *       the receiver recomputes it from the logs.
 * </ul>
 *
 * The outcome is a 32-byte state root before Byzantium, else a status of 0 (empty string) or 1.
 * Every decoder is strict (canonical RLP, exact field counts, bounded log and topic counts) and
 * throws {@link RlpException} on bad input.
 */
public final class ReceiptCodec {
    private ReceiptCodec() {}

    /** The consensus encoding; prefer {@link Receipt#consensusEncoding()}, which caches it. */
    public static byte[] encodeConsensus(Receipt receipt) {
        RlpWriter w = new RlpWriter(LogsBloom.SIZE + 64 + 128 * receipt.logs().size());
        writeConsensus(w, receipt);
        return w.toByteArray();
    }

    /**
     * Appends the consensus encoding to {@code w}: the known one when there is one, else built,
     * with the logs list copied as received when the receipt kept it.
     */
    static void writeConsensus(RlpWriter w, Receipt receipt) {
        byte[] known = receipt.knownConsensusEncoding();
        if (known != null) {
            w.writeRaw(known);
            return;
        }
        if (receipt.type() != 0) {
            w.writeRawByte(receipt.type());
        }
        int mark = w.startList();
        writeOutcome(w, receipt);
        w.writeLong(receipt.cumulativeGasUsed());
        w.writeBytes(receipt.bloom().unsafeArray());
        ByteSlice logs = receipt.logsEncoding();
        if (logs != null) {
            w.writeRaw(logs);
        } else {
            writeLogs(w, receipt.logs());
        }
        w.endList(mark);
    }

    public static Receipt decodeConsensus(byte[] encoding) {
        return decodeConsensus(ByteSlice.of(encoding));
    }

    /** Decodes a consensus encoding; the receipt keeps a copy of these bytes and their bloom. */
    public static Receipt decodeConsensus(ByteSlice encoding) {
        if (encoding.isEmpty()) {
            throw new RlpException("empty receipt", encoding.offset());
        }
        int first = encoding.get(0) & 0xff;
        int type = 0;
        int bodyStart = encoding.offset();
        if (first <= Receipt.MAX_TYPE) {
            if (first == 0) {
                throw new RlpException("typed receipt with type 0", encoding.offset());
            }
            type = first;
            bodyStart++;
        } else if (first < 0xc0) {
            throw new RlpException(
                    "receipt is neither a list nor a typed envelope", encoding.offset());
        }
        RlpReader top =
                RlpReader.of(
                        encoding.array(),
                        bodyStart,
                        encoding.offset() + encoding.length() - bodyStart);
        RlpReader fields = top.readList();
        top.ensureEnd();
        return readConsensusFields(type, fields, encoding.toArray());
    }

    /** Writes the eth/68 wire item of one receipt. */
    public static void writeEth68(RlpWriter w, Receipt receipt) {
        byte[] consensus = receipt.unsafeConsensusEncoding();
        if (receipt.type() == 0) {
            w.writeRaw(consensus);
        } else {
            w.writeBytes(consensus);
        }
    }

    /** Reads the eth/68 wire item of one receipt. */
    public static Receipt readEth68(RlpReader reader) {
        if (reader.nextIsList()) {
            ByteSlice raw = reader.readRawSlice();
            RlpReader fields = RlpReader.of(raw).readList();
            return readConsensusFields(0, fields, raw.toArray());
        }
        int at = reader.position();
        ByteSlice envelope = reader.readSlice();
        if (envelope.isEmpty()
                || (envelope.get(0) & 0xff) > Receipt.MAX_TYPE
                || envelope.get(0) == 0) {
            throw new RlpException("typed receipt must start with a type in 0x01..0x7f", at);
        }
        return decodeConsensus(envelope);
    }

    /** Writes the eth/69 wire item of one receipt: {@code [type, outcome, cumulativeGas, logs]}. */
    public static void writeEth69(RlpWriter w, Receipt receipt) {
        int mark = w.startList();
        w.writeLong(receipt.type());
        writeOutcome(w, receipt);
        w.writeLong(receipt.cumulativeGasUsed());
        writeLogs(w, receipt.logs());
        w.endList(mark);
    }

    /** Reads the eth/69 wire item of one receipt; its bloom is computed when first asked for. */
    public static Receipt readEth69(RlpReader reader) {
        RlpReader fields = reader.readList();
        int typeAt = fields.position();
        long type = fields.readLong();
        if (type < 0 || type > Receipt.MAX_TYPE) {
            throw new RlpException(
                    "receipt type " + Long.toUnsignedString(type) + " is not 0..0x7f", typeAt);
        }
        int outcomeAt = fields.position();
        ByteSlice outcome = fields.readSlice();
        long cumulativeGas = fields.readLong();
        int logsAt = fields.position();
        List<Log> logs = readLogs(fields);
        ByteSlice logsEncoding = new ByteSlice(fields.array(), logsAt, fields.position() - logsAt);
        fields.ensureEnd();
        Receipt receipt = build((int) type, outcome, outcomeAt, cumulativeGas, logs, null, null);
        receipt.presetLogsEncoding(logsEncoding);
        return receipt;
    }

    private static Receipt readConsensusFields(int type, RlpReader fields, byte[] encoding) {
        int outcomeAt = fields.position();
        ByteSlice outcome = fields.readSlice();
        long cumulativeGas = fields.readLong();
        LogsBloom bloom = LogsBloom.wrap(fields.readFixed(LogsBloom.SIZE, "logs bloom"));
        List<Log> logs = readLogs(fields);
        fields.ensureEnd();
        return build(type, outcome, outcomeAt, cumulativeGas, logs, bloom, encoding);
    }

    private static Receipt build(
            int type,
            ByteSlice outcome,
            int outcomeAt,
            long cumulativeGas,
            List<Log> logs,
            LogsBloom bloom,
            byte[] encoding) {
        if (outcome.length() == Hash.SIZE) {
            return new Receipt(
                    type,
                    Hash.wrap(outcome.toArray()),
                    false,
                    cumulativeGas,
                    logs,
                    bloom,
                    encoding);
        }
        if (outcome.isEmpty()) {
            return new Receipt(type, null, false, cumulativeGas, logs, bloom, encoding);
        }
        if (outcome.length() == 1 && outcome.get(0) == 1) {
            return new Receipt(type, null, true, cumulativeGas, logs, bloom, encoding);
        }
        throw new RlpException(
                "receipt outcome must be a 32-byte state root or a status of 0 or 1", outcomeAt);
    }

    private static void writeOutcome(RlpWriter w, Receipt receipt) {
        if (receipt.hasStatus()) {
            w.writeLong(receipt.success() ? 1 : 0);
        } else {
            w.writeHash(receipt.postStateRoot());
        }
    }

    private static void writeLogs(RlpWriter w, List<Log> logs) {
        int mark = w.startList();
        for (Log log : logs) {
            log.write(w);
        }
        w.endList(mark);
    }

    private static List<Log> readLogs(RlpReader fields) {
        int at = fields.position();
        RlpReader reader = fields.readList();
        List<Log> logs = new ArrayList<>();
        while (reader.hasNext()) {
            DecodeLimits.checkCount(
                    logs.size() + 1, DecodeLimits.MAX_LOGS_PER_RECEIPT, "logs in a receipt", at);
            logs.add(Log.read(reader));
        }
        return logs;
    }
}
