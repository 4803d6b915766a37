package io.annals.sync.scenario;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * The actor system's scheduler for deterministic simulations: virtual time that moves only when the
 * test says so, and due tasks run one at a time in the order (time, then scheduling order), with
 * the actors drained after each (see {@link #advanceTo}). Pekko's own manual scheduler
 * (ExplicitlyTriggeredScheduler) orders tasks due at the same time by hash and runs every due task
 * before any actor reacts, so timers set in reaction to an earlier task land at whatever time the
 * loop had reached; both made simulated runs differ from run to run. Configured with {@code
 * pekko.scheduler.implementation}.
 */
public final class DeterministicScheduler implements Scheduler {

    private record Key(long atMillis, long sequence) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byTime = Long.compare(atMillis, other.atMillis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private record Task(Runnable runnable, ExecutionContext executor, long intervalMillis) {}

    private final TreeMap<Key, Task> tasks = new TreeMap<>();
    private long nowMillis;
    private long sequence;
    private DeterministicExecutor executor;

    /** The constructor Pekko calls for {@code pekko.scheduler.implementation}. */
    public DeterministicScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
        // nothing to configure: virtual time starts at 0
    }

    public synchronized long currentTimeMs() {
        return nowMillis;
    }

    /**
     * The executor of every deterministic dispatcher of this system (the default one, and any other
     * configured with it, such as the writer's): one queue, so one order for all of them.
     */
    synchronized DeterministicExecutor sharedExecutor() {
        if (executor == null) {
            executor = new DeterministicExecutor();
        }
        return executor;
    }

    synchronized DeterministicExecutor executor() {
        if (executor == null) {
            throw new IllegalStateException("no actor has run on the deterministic dispatcher yet");
        }
        return executor;
    }

    /**
     * Moves time to {@code targetMillis}: drains the actors, then runs each task due by then, in
     * order, at its own time, draining the actors after each, so every consequence of a task (and
     * the timers it sets) happens before the next task runs.
     */
    public void advanceTo(long targetMillis, Runnable drain) {
        drain.run();
        while (true) {
            Map.Entry<Key, Task> next;
            synchronized (this) {
                next = tasks.firstEntry();
                if (next == null || next.getKey().atMillis() > targetMillis) {
                    nowMillis = Math.max(nowMillis, targetMillis);
                    break;
                }
                tasks.remove(next.getKey());
                nowMillis = next.getKey().atMillis();
                if (next.getValue().intervalMillis() > 0) {
                    tasks.put(
                            new Key(nowMillis + next.getValue().intervalMillis(), sequence++),
                            next.getValue());
                }
            }
            next.getValue().executor().execute(next.getValue().runnable());
            drain.run();
        }
        drain.run();
    }

    @Override
    public Cancellable scheduleOnce(
            FiniteDuration delay, Runnable runnable, ExecutionContext executor) {
        return add(delay.toMillis(), 0, runnable, executor);
    }

    /**
     * Pekko's trait still declares this (deprecated) form abstract; the typed timers use only
     * scheduleOnce.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Cancellable schedule(
            FiniteDuration initialDelay,
            FiniteDuration interval,
            Runnable runnable,
            ExecutionContext executor) {
        return add(initialDelay.toMillis(), Math.max(1, interval.toMillis()), runnable, executor);
    }

    @Override
    public double maxFrequency() {
        return 1000.0;
    }

    private synchronized Cancellable add(
            long delayMillis, long intervalMillis, Runnable runnable, ExecutionContext executor) {
        Key key = new Key(nowMillis + Math.max(0, delayMillis), sequence++);
        Task task = new Task(runnable, executor, intervalMillis);
        tasks.put(key, task);
        return new Cancellable() {
            private boolean cancelled;

            @Override
            public boolean cancel() {
                synchronized (DeterministicScheduler.this) {
                    cancelled = tasks.remove(key, task) || cancelled;
                    return cancelled;
                }
            }

            @Override
            public boolean isCancelled() {
                synchronized (DeterministicScheduler.this) {
                    return cancelled;
                }
            }
        };
    }
}
