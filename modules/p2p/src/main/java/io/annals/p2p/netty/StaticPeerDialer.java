package io.annals.p2p.netty;

import io.annals.p2p.RlpxSession;
import io.annals.p2p.identity.Enode;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps static peers connected: dials each, redials after a session ends or a dial fails with
 * exponential backoff ({@link ReconnectBackoff}), and never has more than a given number of dials
 * in flight. All state lives on one single-threaded executor, so it needs no locks.
 */
public final class StaticPeerDialer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StaticPeerDialer.class);

    private final Function<Enode, CompletableFuture<RlpxSession>> dialer;
    private final ScheduledExecutorService executor;
    private final ReconnectBackoff backoff;
    private final int maxConcurrentDials;
    private final Map<Enode, Integer> failures = new HashMap<>();
    private final Queue<Enode> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;

    /**
     * @param executor must run tasks one at a time (a Netty event loop, or a single-thread
     *     executor)
     */
    public StaticPeerDialer(
            Function<Enode, CompletableFuture<RlpxSession>> dialer,
            ScheduledExecutorService executor,
            ReconnectBackoff backoff,
            int maxConcurrentDials) {
        this.dialer = dialer;
        this.executor = executor;
        this.backoff = backoff;
        this.maxConcurrentDials = maxConcurrentDials;
    }

    public void start(List<Enode> peers) {
        executor.execute(() -> peers.forEach(this::dial));
    }

    private void dial(Enode enode) {
        if (closed) {
            return;
        }
        if (inFlight >= maxConcurrentDials) {
            waiting.add(enode);
            return;
        }
        inFlight++;
        LOG.debug("dialing static peer {}", enode);
        dialer.apply(enode)
                .whenCompleteAsync((session, error) -> onDialed(enode, session, error), executor);
    }

    private void onDialed(Enode enode, RlpxSession session, Throwable error) {
        inFlight--;
        Enode next = waiting.poll();
        if (next != null) {
            dial(next);
        }
        if (error != null) {
            int count = failures.merge(enode, 1, Integer::sum);
            long delay = backoff.delayAfter(count).toMillis();
            LOG.debug(
                    "dial of static peer {} failed ({}), retry in {} ms",
                    enode,
                    error.toString(),
                    delay);
            schedule(enode, delay);
            return;
        }
        failures.remove(enode);
        session.closed()
                .whenCompleteAsync(
                        (reason, ignored) -> {
                            long delay = backoff.delayAfter(0).toMillis();
                            LOG.debug(
                                    "static peer {} disconnected ({}), redial in {} ms",
                                    enode,
                                    reason,
                                    delay);
                            schedule(enode, delay);
                        },
                        executor);
    }

    private void schedule(Enode enode, long delayMillis) {
        if (!closed) {
            executor.schedule(() -> dial(enode), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops dialing; sessions already up stay up. */
    @Override
    public void close() {
        executor.execute(
                () -> {
                    closed = true;
                    waiting.clear();
                });
    }
}
