package io.annals.devnet.chain;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Composes runs of block contents on a few worker threads while the caller seals and stores them in
 * order: contents do not depend on their parents, so only sealing is sequential. A window bounds
 * the contents composed ahead (and the memory they hold). With no threads, contents are composed on
 * the caller's thread.
 */
public final class ParallelComposer implements AutoCloseable {
    private final ExecutorService pool;
    private final int window;

    /**
     * @param threads worker threads; 0 composes on the calling thread
     */
    public ParallelComposer(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative: " + threads);
        }
        this.pool =
                threads == 0
                        ? null
                        : Executors.newFixedThreadPool(
                                threads,
                                runnable -> {
                                    Thread thread = new Thread(runnable, "devnet-composer");
                                    thread.setDaemon(true);
                                    return thread;
                                });
        this.window = Math.max(1, threads * 4);
    }

    /** One worker per core: what bulk generation at start-up uses. */
    public static ParallelComposer perCore() {
        return new ParallelComposer(Runtime.getRuntime().availableProcessors());
    }

    /** The contents of blocks {@code from..to} on {@code branch}, in order. */
    Iterator<BlockContent> stream(BlockGenerator generator, long from, long to, int branch) {
        return new Iterator<>() {
            private final ArrayDeque<Future<BlockContent>> inFlight = new ArrayDeque<>();
            private long next = from;

            @Override
            public boolean hasNext() {
                return next <= to || !inFlight.isEmpty();
            }

            @Override
            public BlockContent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (pool == null) {
                    return generator.compose(next++, branch);
                }
                while (inFlight.size() < window && next <= to) {
                    long number = next++;
                    inFlight.add(pool.submit(() -> generator.compose(number, branch)));
                }
                try {
                    return inFlight.poll().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while generating blocks", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("generating a block failed", e.getCause());
                }
            }
        };
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
