package io.annals.devnet.peer;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one devnet peer, for tests and the devnet's summary line. Thread-safe. */
public final class PeerStats {
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong headerRequests = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong shortened = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();

    void countSession() {
        sessions.incrementAndGet();
    }

    void countRequest(boolean headers) {
        requests.incrementAndGet();
        if (headers) {
            headerRequests.incrementAndGet();
        }
    }

    void countDrop() {
        dropped.incrementAndGet();
    }

    void countShortened() {
        shortened.incrementAndGet();
    }

    void countDelayed() {
        delayed.incrementAndGet();
    }

    /** Sessions that negotiated eth with this peer. */
    public long sessions() {
        return sessions.get();
    }

    /** Header, body and receipt requests received. */
    public long requests() {
        return requests.get();
    }

    /** Of those, header requests (GetBlockHeaders): head probes, polls and batches' headers. */
    public long headerRequests() {
        return headerRequests.get();
    }

    /** Sessions this peer ended by its disconnect fault. */
    public long dropped() {
        return dropped.get();
    }

    /** Requests cut to a prefix by the partial-answer fault. */
    public long shortened() {
        return shortened.get();
    }

    /** Requests answered late by the latency fault. */
    public long delayed() {
        return delayed.get();
    }

    @Override
    public String toString() {
        return "sessions="
                + sessions()
                + " requests="
                + requests()
                + " dropped="
                + dropped()
                + " shortened="
                + shortened()
                + " delayed="
                + delayed();
    }
}
