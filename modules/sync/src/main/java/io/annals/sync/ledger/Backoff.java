package io.annals.sync.ledger;

/** Exponential backoff arithmetic shared by the block ledger and peer health. */
final class Backoff {

    private Backoff() {}

    /**
     * The delay after the {@code failures}-th consecutive failure: {@code initial} for the first,
     * doubling per further failure, never more than {@code cap}.
     */
    static long delayMillis(int failures, long initialMillis, long capMillis) {
        if (failures <= 0) {
            return 0;
        }
        int doublings = Math.min(failures - 1, 40); // 2^40 × any sane initial is past every cap
        long delay = initialMillis << doublings;
        return delay < 0 ? capMillis : Math.min(delay, capMillis);
    }
}
