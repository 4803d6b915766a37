package io.annals.sync.scenario;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The executor behind the simulation's default dispatcher: it only queues what it is given, and the
 * test thread runs the queue ({@link #drain()}), in order, one task at a time. So every actor of a
 * simulation runs on the test thread, one message at a time, in an order that depends on nothing
 * but the messages: the same run gives the same result every time, on a loaded machine or not.
 * {@link #release()} hands the queue to a real thread, for shutting the system down.
 */
final class DeterministicExecutor extends AbstractExecutorService {

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private volatile ExecutorService released;

    @Override
    public void execute(Runnable task) {
        ExecutorService real = released;
        if (real != null) {
            real.execute(task);
        } else {
            queue.add(task);
        }
    }

    /** Runs queued tasks (and what they queue) until nothing is left. */
    void drain() {
        Runnable task;
        while ((task = queue.poll()) != null) {
            task.run();
        }
    }

    /** From now on tasks run on a real thread (the simulation is over; the system shuts down). */
    void release() {
        ExecutorService real =
                Executors.newSingleThreadExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "simulation-released");
                            thread.setDaemon(true);
                            return thread;
                        });
        released = real;
        Runnable task;
        while ((task = queue.poll()) != null) {
            real.execute(task);
        }
    }

    @Override
    public void shutdown() {
        ExecutorService real = released;
        if (real != null) {
            real.shutdown();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        ExecutorService real = released;
        return real != null && real.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        ExecutorService real = released;
        return real != null && real.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        ExecutorService real = released;
        return real == null || real.awaitTermination(timeout, unit);
    }
}
