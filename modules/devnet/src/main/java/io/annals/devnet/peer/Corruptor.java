package io.annals.devnet.peer;

import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.ByteSlice;

/**
 * Makes served data wrong in a way only the root check catches: one byte inside a fixed-size field
 * is changed, so the bytes still decode (same lengths, canonical RLP) but the transactions,
 * withdrawals or receipts root computed from them no longer matches the header.
 */
final class Corruptor {
    private Corruptor() {}

    /**
     * A copy of a body ({@code [transactions, ommers, withdrawals]}) with the last byte of the
     * first transaction's {@code s} changed, or, in a block without transactions, a byte of the
     * first withdrawal's address. A body with neither is returned unchanged.
     */
    static byte[] body(byte[] body) {
        byte[] copy = body.clone();
        RlpReader fields = RlpReader.list(copy);
        RlpReader transactions = fields.readList();
        if (transactions.hasNext()) {
            // legacy: the list ends with s; typed: the string's payload (type || list) ends with s
            ByteSlice first = transactions.readRawSlice();
            copy[first.offset() + first.length() - 1] ^= 0x01;
            return copy;
        }
        fields.skip(); // ommers
        if (fields.hasNext()) {
            RlpReader withdrawals = fields.readList();
            if (withdrawals.hasNext()) {
                RlpReader withdrawal = withdrawals.readList();
                withdrawal.skip();
                withdrawal.skip();
                ByteSlice address = withdrawal.readSlice();
                copy[address.offset() + address.length() - 1] ^= 0x01;
            }
        }
        return copy;
    }

    /**
     * A copy of an eth/69 receipt list ({@code [[type, status, cumulativeGas, logs], ...]}) with
     * the last byte of the first log's last topic (or its data) changed; without logs, the first
     * receipt's status flipped between success ({@code 0x01}) and failure ({@code 0x80}); an empty
     * list becomes a list of one receipt, which a block without transactions cannot have.
     */
    static byte[] receiptsEth69(byte[] receipts) {
        byte[] copy = receipts.clone();
        RlpReader list = RlpReader.list(copy);
        if (!list.hasNext()) {
            RlpWriter w = new RlpWriter(16);
            int outer = w.startList();
            int receipt = w.startList();
            w.writeLong(2).writeLong(1).writeLong(21_000).writeEmptyList();
            w.endList(receipt);
            return w.endList(outer).toByteArray();
        }
        RlpReader receipt = list.readList();
        receipt.skip(); // type
        int statusAt = receipt.position();
        receipt.skip();
        receipt.skip(); // cumulative gas
        RlpReader logs = receipt.readList();
        if (logs.hasNext()) {
            RlpReader log = logs.readList();
            log.skip(); // address
            RlpReader topics = log.readList();
            ByteSlice target = null;
            while (topics.hasNext()) {
                target = topics.readSlice();
            }
            ByteSlice data = log.readSlice();
            if (!data.isEmpty()) {
                target = data;
            }
            if (target != null && !target.isEmpty()) {
                copy[target.offset() + target.length() - 1] ^= 0x01;
                return copy;
            }
        }
        copy[statusAt] = copy[statusAt] == 0x01 ? (byte) 0x80 : 0x01;
        return copy;
    }
}
