package io.annals.store;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Spreads one caller's independent items over the calling thread and a few helper threads, so a
 * ranged log query that reads thousands of blocks uses the machine's idle cores.
 *
 * <p>Every taker claims the next unclaimed item, the caller included, so the caller never waits for
 * a helper that has not started (helpers busy with other queries simply find nothing left); it
 * waits only for items a helper is in the middle of. With no helpers, everything runs on the
 * caller.
 */
final class SharedWork implements AutoCloseable {
    private final ExecutorService helpers;
    private final int helperCount;

    private SharedWork(ExecutorService helpers, int helperCount) {
        this.helpers = helpers;
        this.helperCount = helperCount;
    }

    /** With {@code helperCount} daemon helper threads (0: everything on the caller). */
    static SharedWork withHelpers(int helperCount, String threadName) {
        if (helperCount <= 0) {
            return new SharedWork(null, 0);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        helperCount,
                        task -> {
                            Thread thread =
                                    new Thread(task, threadName + "-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        return new SharedWork(pool, helperCount);
    }

    /** The machine's cores but one, at most three: helpers for a caller that works too. */
    static int defaultHelpers() {
        return Math.min(3, Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * Runs {@code item} for each of {@code 0..count-1}, each exactly once, and returns when all are
     * done; the first failure is thrown on the caller once every claimed item has finished.
     */
    void run(int count, IntConsumer item) {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable take =
                () -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        try {
                            if (failure.get() == null) {
                                item.accept(i);
                            }
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        } finally {
                            finished.countDown();
                        }
                    }
                };
        for (int h = 0; h < Math.min(helperCount, count - 1); h++) {
            try {
                helpers.execute(take);
            } catch (RejectedExecutionException closed) {
                break; // the store is closing: the caller takes everything
            }
        }
        take.run();
        awaitUninterruptibly(finished);
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the items in flight read a snapshot the caller still holds
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
            try {
                helpers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
