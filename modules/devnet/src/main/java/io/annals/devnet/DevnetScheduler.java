package io.annals.devnet;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The devnet's one thread of control and its clock. Head growth, propagation to each peer, reorgs
 * and the test controls all run as tasks of this scheduler, one at a time, so the devnet's chain
 * state needs no locks. {@link RealTimeScheduler} runs on a thread of its own against the wall
 * clock; {@link ManualScheduler} runs tasks only when a test advances its virtual time.
 */
public interface DevnetScheduler extends AutoCloseable {
    /** Milliseconds on this scheduler's clock (only differences mean something). */
    long nowMillis();

    /** Runs {@code task} on the scheduler's thread after {@code delay}. */
    void schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the scheduler's thread and returns its result, waiting for it. */
    <T> T call(Callable<T> task);

    default void run(Runnable task) {
        call(
                () -> {
                    task.run();
                    return null;
                });
    }

    @Override
    void close();
}
