package io.annals.devnet;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The devnet's scheduler on the wall clock: one daemon thread, {@code devnet-head}. */
public final class RealTimeScheduler implements DevnetScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(RealTimeScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    public RealTimeScheduler() {
        executor =
                new ScheduledThreadPoolExecutor(
                        1,
                        runnable -> {
                            Thread thread = new Thread(runnable, "devnet-head");
                            thread.setDaemon(true);
                            return thread;
                        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return;
        }
        executor.schedule(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.error("devnet task failed", e);
                    }
                },
                delay.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public <T> T call(Callable<T> task) {
        Future<T> result = executor.submit(task);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the devnet", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
