package io.annals.rpc.methods;

import java.util.concurrent.CompletableFuture;

/**
 * A method that answers without blocking: it returns at once with a future (already complete for
 * constants, or one completed later by another component, e.g. an actor's reply). It is called on
 * the thread that dispatches the request, which may be a Netty event loop, so it must never block.
 * The future is cancelled when the request times out. Failing it with an {@link RpcException}
 * answers that error; any other failure answers -32603.
 */
@FunctionalInterface
public interface AsyncHandler {
    CompletableFuture<?> handle(RpcParams params) throws Exception;
}
