package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes receipts in the layout stores used before the log table ({@link CompactReceipts}' javadoc:
 * each log inline in its receipt), so tests can check that such values are still read: a simple
 * encoder of its own, not the product's.
 */
final class InlineReceiptsEncoder {
    private InlineReceiptsEncoder() {}

    static byte[] encode(List<Receipt> receipts) {
        List<Address> addresses = new ArrayList<>();
        List<Hash> topics = new ArrayList<>();
        for (Receipt receipt : receipts) {
            for (Log log : receipt.logs()) {
                if (!addresses.contains(log.address())) {
                    addresses.add(log.address());
                }
                for (Hash topic : log.topics()) {
                    if (!topics.contains(topic)) {
                        topics.add(topic);
                    }
                }
            }
        }
        ByteSink out = new ByteSink(1024);
        out.writeVarLong(receipts.size()).writeVarLong(addresses.size());
        addresses.forEach(address -> out.write(address.unsafeArray()));
        out.writeVarLong(topics.size());
        topics.forEach(topic -> writeWord(out, topic.unsafeArray(), 0));
        long previousGas = 0;
        for (Receipt receipt : receipts) {
            out.writeByte(receipt.type());
            if (receipt.hasStatus()) {
                out.writeByte(receipt.success() ? 1 : 0);
            } else {
                out.writeByte(2).write(receipt.postStateRoot().unsafeArray());
            }
            out.writeVarLong(receipt.cumulativeGasUsed() - previousGas);
            previousGas = receipt.cumulativeGasUsed();
            out.writeVarLong(receipt.logs().size());
            for (Log log : receipt.logs()) {
                out.writeVarLong(addresses.indexOf(log.address()));
                out.writeByte(log.topics().size());
                for (Hash topic : log.topics()) {
                    out.writeVarLong(topics.indexOf(topic));
                }
                byte[] data = log.unsafeData();
                out.writeVarLong(data.length);
                if (data.length % 32 != 0) {
                    out.write(data);
                } else {
                    for (int at = 0; at < data.length; at += 32) {
                        writeWord(out, data, at);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static void writeWord(ByteSink out, byte[] bytes, int offset) {
        int zeros = 0;
        while (zeros < 32 && bytes[offset + zeros] == 0) {
            zeros++;
        }
        out.writeByte(zeros).write(bytes, offset + zeros, 32 - zeros);
    }
}
