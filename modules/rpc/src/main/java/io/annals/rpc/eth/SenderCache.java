package io.annals.rpc.eth;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.InvalidSignatureException;
import io.annals.core.types.Transaction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recovered transaction senders, least recently used first out. A sender costs a secp256k1
 * public-key recovery (about 0.17 ms on these machines, so 30 ms for a 200-transaction block), and
 * indexers ask for the same recent blocks' transactions and receipts several times; the sync never
 * recovers senders. Keys are transaction hashes: a sender is a function of the transaction's bytes,
 * so no reorg can make an entry wrong. Recovery runs outside the lock; two threads may recover the
 * same sender at once, which is harmless.
 */
public final class SenderCache {
    private final Map<Hash, Address> senders;
    private long recoveries;

    public SenderCache(int capacity) {
        this.senders =
                new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Hash, Address> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /**
     * The sender of {@code tx} (whose hash is {@code hash}); the zero address when the signature
     * yields none, which is what go-ethereum reports in that case.
     */
    public Address sender(Hash hash, Transaction tx) {
        synchronized (senders) {
            Address known = senders.get(hash);
            if (known != null) {
                return known;
            }
        }
        Address sender = recover(tx);
        synchronized (senders) {
            senders.put(hash, sender);
            recoveries++;
        }
        return sender;
    }

    /** How many senders were recovered (not served from the cache) so far. */
    public long recoveries() {
        synchronized (senders) {
            return recoveries;
        }
    }

    private static Address recover(Transaction tx) {
        try {
            return tx.sender();
        } catch (InvalidSignatureException | io.annals.core.rlp.RlpException e) {
            return Address.ZERO;
        }
    }
}
