package io.annals.node.monitor;

import io.annals.sync.SyncStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the sync engine's figures every stats interval and keeps the latest snapshot for whoever
 * must answer without waiting (health, metrics, eth_syncing, the progress line). Listeners hear of
 * each snapshot on the monitor's own thread, where they may block briefly (store reads), never on
 * an actor or network thread. One ask at a time: the next is scheduled when the last has answered.
 */
public final class SyncMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncMonitor.class);

    /** Where the figures come from: an ask to the sync supervisor. */
    @FunctionalInterface
    public interface StatsSource {
        CompletionStage<SyncStats> stats();
    }

    /** Told about every snapshot, in order, on the monitor's thread. */
    @FunctionalInterface
    public interface Listener {
        void observed(SyncStats stats);
    }

    /** One snapshot and when it arrived ({@link System#nanoTime()}). */
    public record Observation(SyncStats stats, long atNanos) {
        public Duration age() {
            return Duration.ofNanos(System.nanoTime() - atNanos);
        }
    }

    private final StatsSource source;
    private final Duration interval;
    private final ScheduledExecutorService executor;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<Observation> latest = Optional.empty();
    private volatile boolean closed;

    private SyncMonitor(StatsSource source, Duration interval) {
        this.source = source;
        this.interval = interval;
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "annals-sync-monitor");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** Starts polling at once, then every {@code interval} after each answer. */
    public static SyncMonitor start(StatsSource source, Duration interval) {
        SyncMonitor monitor = new SyncMonitor(source, interval);
        monitor.executor.execute(monitor::poll);
        return monitor;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** The latest snapshot; empty until the engine first answered. */
    public Optional<Observation> latest() {
        return latest;
    }

    /** The monitor's thread, for periodic work that reads the snapshot (the progress line). */
    public ScheduledExecutorService executor() {
        return executor;
    }

    private void poll() {
        if (closed) {
            return;
        }
        CompletionStage<SyncStats> asked;
        try {
            asked = source.stats();
        } catch (RuntimeException e) {
            LOG.warn("cannot ask the sync engine for its figures", e);
            scheduleNext();
            return;
        }
        asked.whenCompleteAsync(
                (stats, failure) -> {
                    if (failure != null) {
                        LOG.debug(
                                "the sync engine did not report its figures: {}",
                                failure.toString());
                    } else {
                        publish(stats);
                    }
                    scheduleNext();
                },
                executor);
    }

    private void publish(SyncStats stats) {
        latest = Optional.of(new Observation(stats, System.nanoTime()));
        for (Listener listener : listeners) {
            try {
                listener.observed(stats);
            } catch (RuntimeException e) {
                LOG.warn("sync listener {} failed", listener, e);
            }
        }
    }

    private void scheduleNext() {
        if (!closed) {
            try {
                executor.schedule(this::poll, interval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
