package io.annals.p2p.discv4;

import io.annals.core.types.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The endpoint proof ledger (discv4.md, "Endpoint Proof"): when each node last answered our ping
 * with a valid Pong, and when it last pinged us, per node id and IP. A node that answered within
 * {@code expiration} is verified, so its FindNode and ENRRequest are answered; one that pinged us
 * within it has our Pong, so it will answer our FindNode. Bounded: the oldest entries go first.
 * Plain and single-threaded; time is passed in.
 */
final class Bonds {
    private record Key(Hash id, String ip) {}

    private record Times(long pongReceived, long pingReceived) {}

    private final long expirationMillis;
    private final Map<Key, Times> times;

    Bonds(long expirationMillis, int maxEntries) {
        this.expirationMillis = expirationMillis;
        this.times =
                new LinkedHashMap<>(64, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, Times> eldest) {
                        return size() > maxEntries;
                    }
                };
    }

    void pongReceived(Hash id, String ip, long now) {
        Times t = times.getOrDefault(new Key(id, ip), new Times(Long.MIN_VALUE, Long.MIN_VALUE));
        times.put(new Key(id, ip), new Times(now, t.pingReceived()));
    }

    void pingReceived(Hash id, String ip, long now) {
        Times t = times.getOrDefault(new Key(id, ip), new Times(Long.MIN_VALUE, Long.MIN_VALUE));
        times.put(new Key(id, ip), new Times(t.pongReceived(), now));
    }

    /** The node proved its endpoint: it answered our ping recently. */
    boolean isVerified(Hash id, String ip, long now) {
        Times t = times.get(new Key(id, ip));
        return t != null
                && t.pongReceived() != Long.MIN_VALUE
                && now - t.pongReceived() < expirationMillis;
    }

    /** The node has our Pong for a recent ping of its own, so it takes our queries. */
    boolean hasOurPong(Hash id, String ip, long now) {
        Times t = times.get(new Key(id, ip));
        return t != null
                && t.pingReceived() != Long.MIN_VALUE
                && now - t.pingReceived() < expirationMillis;
    }
}
