package io.annals.rpc.jsonrpc;

import io.annals.rpc.methods.RpcError;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the calls of one HTTP request share: a deadline and a response-size budget. When either is
 * exceeded the exchange aborts, and every call not yet answered answers the abort's error and is
 * cancelled (geth's behaviour for timeouts and oversized batch responses).
 */
final class Exchange {
    private final CompletableFuture<RpcError> aborted = new CompletableFuture<>();
    private final AtomicLong responseBytes = new AtomicLong();
    private final long maxResponseBytes;
    private final ScheduledFuture<?> deadline;

    Exchange(ScheduledExecutorService timer, Duration timeout, long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
        this.deadline =
                timer.schedule(
                        () -> abort(ProtocolErrors.TIMEOUT),
                        timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
    }

    /** Bytes an answer may still take; a hint for encoding, {@link #reserve} decides. */
    long remainingBytes() {
        return Math.max(0, maxResponseBytes - responseBytes.get());
    }

    /** Counts {@code bytes} more of response; false when that passes the budget. */
    boolean reserve(long bytes) {
        return responseBytes.addAndGet(bytes) <= maxResponseBytes;
    }

    void abort(RpcError error) {
        aborted.complete(error);
    }

    /** Runs {@code action} once, with the error, if and when the exchange aborts. */
    void onAbort(Consumer<RpcError> action) {
        aborted.thenAccept(action);
    }

    /** Every call is answered: the deadline is no longer needed. */
    void finish() {
        deadline.cancel(false);
    }
}
