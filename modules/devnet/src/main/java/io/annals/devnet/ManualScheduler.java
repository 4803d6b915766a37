package io.annals.devnet;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;

/**
 * A scheduler for tests: virtual time that moves only when {@link #advance} is called, which runs
 * every task that falls due, in order of due time (ties in scheduling order), on the caller's
 * thread. A task scheduled with no delay runs at the next {@link #advance}, even of zero. Calls are
 * made from the test's thread; the clock may be read from any thread.
 */
public final class ManualScheduler implements DevnetScheduler {
    private record Task(long dueMillis, long sequence, Runnable action) {}

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(
                    (a, b) ->
                            a.dueMillis != b.dueMillis
                                    ? Long.compare(a.dueMillis, b.dueMillis)
                                    : Long.compare(a.sequence, b.sequence));
    private volatile long now;
    private long sequence;
    private boolean closed;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        if (!closed) {
            tasks.add(new Task(now + delay.toMillis(), sequence++, task));
        }
    }

    /** Moves the clock forward by {@code by}, running every task due by then. */
    public void advance(Duration by) {
        long target = now + by.toMillis();
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueMillis > target) {
                    break;
                }
                tasks.poll();
                now = Math.max(now, next.dueMillis);
            }
            next.action.run();
        }
        now = target;
    }

    /** Runs the tasks due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks waiting. */
    public synchronized int pending() {
        return tasks.size();
    }

    @Override
    public <T> T call(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        tasks.clear();
    }
}
