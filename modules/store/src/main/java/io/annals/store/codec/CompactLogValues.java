package io.annals.store.codec;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;

/**
 * The distinct values the logs of a {@link CompactReceipts} value can be filtered by, read without
 * building any log: the addresses the logs use, and each topic with the positions it takes (bit p
 * of {@code topicPositions[i]} when topic i appears at position p). The dictionaries already hold
 * each value once, so the log index derives its entries per distinct value, not per log.
 */
public record CompactLogValues(byte[][] addresses, byte[][] topics, int[] topicPositions) {

    public static CompactLogValues of(byte[] value) {
        ByteSource in = new ByteSource(value, "stored receipts");
        int count = in.readVarInt(DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK);
        byte[][] addresses = new byte[in.readVarInt(CompactReceipts.MAX_DICTIONARY)][];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = in.read(Address.SIZE);
        }
        byte[][] topics = new byte[in.readVarInt(CompactReceipts.MAX_DICTIONARY)][];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = new byte[CompactReceipts.WORD];
            CompactReceipts.readWord(in, topics[i], 0);
        }
        boolean[] addressUsed = new boolean[addresses.length];
        int usedAddresses = 0;
        int[] positions = new int[topics.length];
        for (int r = 0; r < count; r++) {
            in.readByte();
            if (in.readByte() == CompactReceipts.OUTCOME_STATE_ROOT) {
                in.skip(Hash.SIZE);
            }
            in.readVarLong();
            int logCount = in.readVarInt(DecodeLimits.MAX_LOGS_PER_RECEIPT);
            for (int l = 0; l < logCount; l++) {
                int address = in.readVarInt(addresses.length - 1);
                if (!addressUsed[address]) {
                    addressUsed[address] = true;
                    usedAddresses++;
                }
                int topicCount = in.readByte();
                if (topicCount > DecodeLimits.MAX_TOPICS) {
                    throw in.corrupt(topicCount + " topics in a log");
                }
                for (int t = 0; t < topicCount; t++) {
                    positions[in.readVarInt(topics.length - 1)] |= 1 << t;
                }
                CompactReceipts.skipData(in);
            }
        }
        in.ensureEnd();
        if (usedAddresses < addresses.length) {
            byte[][] used = new byte[usedAddresses][];
            int u = 0;
            for (int i = 0; i < addresses.length; i++) {
                if (addressUsed[i]) {
                    used[u++] = addresses[i];
                }
            }
            addresses = used;
        }
        return new CompactLogValues(addresses, topics, positions);
    }
}
