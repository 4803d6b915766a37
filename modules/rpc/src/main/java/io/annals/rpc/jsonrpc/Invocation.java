package io.annals.rpc.jsonrpc;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A call ready to start. The caller attaches its completion callbacks to {@link #result()} first
 * and then calls {@link #start()}, so that a blocking handler's result is encoded on the worker
 * that produced it and never on the thread that dispatched the call.
 */
final class Invocation {
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private final Consumer<CompletableFuture<Object>> body;

    Invocation(Consumer<CompletableFuture<Object>> body) {
        this.body = body;
    }

    /** Completes with the handler's result or failure; cancelling it cancels the handler. */
    CompletableFuture<Object> result() {
        return result;
    }

    void start() {
        body.accept(result);
    }
}
