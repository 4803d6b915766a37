package io.annals.sync.model;

/**
 * Monotonic milliseconds for the scheduling ledger. Production uses {@link #system()}; tests read
 * the virtual clock of the actor system's manual scheduler, so the ledger's "now" and the actors'
 * timers move together.
 */
@FunctionalInterface
public interface TimeSource {

    /** Milliseconds on a monotonic clock; only differences are meaningful. */
    long nowMillis();

    /** The JVM's monotonic clock. */
    static TimeSource system() {
        return () -> System.nanoTime() / 1_000_000L;
    }
}
