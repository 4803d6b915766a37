package io.annals.devnet.chain;

import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Address;
import io.annals.core.types.LogsBloom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a transaction's logs and its receipt in the consensus encoding ({@code type ||
 * rlp([status, cumulativeGas, bloom, logs])}), computing the receipt's bloom from bit positions
 * hashed once per value: pooled contracts and event topics come precomputed from {@link
 * Population}, accounts are hashed once and remembered for a while. The receipt is later decoded
 * from these bytes, so it keeps this bloom and encoding and the receipts root costs no further
 * hashing of log values. Log gas follows the yellow paper (375 per log, 375 per topic, 8 per data
 * byte). One instance per composer; not thread-safe.
 */
final class ReceiptWriter {
    /** Accounts whose bloom positions are remembered before the memo starts over. */
    private static final int MAX_MEMO = 200_000;

    private final Population population;
    private final RlpWriter logs = new RlpWriter(16_384);
    private final RlpWriter receipt = new RlpWriter(16_384);
    private final byte[] receiptBloom = new byte[LogsBloom.SIZE];
    private final byte[] word = new byte[32];
    private final byte[] data = new byte[32 * 16];
    private final Map<Integer, Long> accountBloom = new HashMap<>();

    ReceiptWriter(Population population) {
        this.population = population;
    }

    /**
     * Writes {@code count} logs for a call to contract {@code calledContract}: the first from it,
     * the others from it or from other (mostly popular) contracts, as token transfers and swaps do.
     *
     * @return the gas the logs cost
     */
    long writeLogs(int count, int calledContract, SplitMix random) {
        clearLogs();
        long gas = 0;
        for (int i = 0; i < count; i++) {
            int contract =
                    i == 0 || random.nextInt(2) == 0
                            ? calledContract
                            : population.contractPick.draw(random);
            gas += writeLog(contract, random);
        }
        return gas;
    }

    /** Starts a receipt without logs. */
    void clearLogs() {
        logs.reset();
        Arrays.fill(receiptBloom, (byte) 0);
        if (accountBloom.size() > MAX_MEMO) {
            accountBloom.clear();
        }
    }

    /** The consensus encoding of a receipt holding the logs last written. */
    byte[] receipt(int type, boolean success, long cumulativeGas) {
        receipt.reset();
        if (type != 0) {
            receipt.writeRaw(new byte[] {(byte) type});
        }
        int mark = receipt.startList();
        receipt.writeLong(success ? 1 : 0);
        receipt.writeLong(cumulativeGas);
        receipt.writeBytes(receiptBloom);
        int list = receipt.startList();
        receipt.writeRaw(logs.buffer(), 0, logs.size());
        receipt.endList(list);
        receipt.endList(mark);
        return receipt.toByteArray();
    }

    /** The bloom of the logs last written. */
    byte[] bloom() {
        return receiptBloom;
    }

    private long writeLog(int contract, SplitMix random) {
        int[] emitted = population.contractEvents[contract];
        EventKind event = population.events[emitted[random.nextInt(emitted.length)]];
        int mark = logs.startList();
        logs.writeAddress(population.contracts[contract]);
        BloomBits.set(receiptBloom, population.contractAddressBloom[contract]);
        int topics = logs.startList();
        logs.writeHash(event.topic0());
        BloomBits.set(receiptBloom, event.topic0Bloom());
        for (int t = 0; t < event.indexed(); t++) {
            BloomBits.set(receiptBloom, indexedTopic(t < event.indexedAddresses(), random));
            logs.writeBytes(word);
        }
        logs.endList(topics);
        int dataLength = 32 * Math.min(event.dataWords(), data.length / 32);
        for (int i = 0; i < dataLength; i += 32) {
            AbiWords.fill(data, i, random);
        }
        logs.writeBytes(data, 0, dataLength);
        logs.endList(mark);
        return 375L + 375L * (1 + event.indexed()) + 8L * dataLength;
    }

    /** Fills {@link #word} with an indexed parameter and returns its bloom positions. */
    private long indexedTopic(boolean address, SplitMix random) {
        Arrays.fill(word, (byte) 0);
        if (!address) {
            AbiWords.fill(word, 0, random);
            return BloomBits.positions(word);
        }
        if (random.nextInt(5) == 0) {
            int contract = population.contractPick.draw(random);
            System.arraycopy(
                    population.contracts[contract].unsafeArray(), 0, word, 12, Address.SIZE);
            return population.contractTopicBloom[contract];
        }
        int account = population.accountPick.draw(random);
        population.account(account, word, 12);
        return accountBloom.computeIfAbsent(account, a -> BloomBits.positions(word));
    }
}
