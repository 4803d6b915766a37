package io.annals.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.rpc.methods.ErrorCodes;
import io.annals.rpc.methods.RpcException;
import io.annals.rpc.methods.RpcMethod;
import io.annals.rpc.methods.RpcMethods;
import io.annals.rpc.methods.RpcParams;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Prepares one call: finds the method, checks its parameters' arity, and runs the handler where it
 * belongs once started — blocking handlers on the bounded blocking executor, async handlers on the
 * starting thread. Every failure ends in the invocation's result, never as an exception. Cancelling
 * the result cancels a queued blocking task, interrupts a running one, or cancels an async
 * handler's future.
 */
final class MethodInvoker {
    private static final RpcException BUSY =
            new RpcException(ErrorCodes.LIMIT_EXCEEDED, "server busy: too many pending requests");

    private final RpcMethods methods;
    private final ExecutorService blockingExecutor;

    MethodInvoker(RpcMethods methods, ExecutorService blockingExecutor) {
        this.methods = methods;
        this.blockingExecutor = blockingExecutor;
    }

    boolean isRegistered(String name, RpcMethods overlay) {
        return overlay.find(name).isPresent() || methods.find(name).isPresent();
    }

    /**
     * @param overlay methods of the caller's connection (WebSocket subscriptions), found first
     */
    Invocation prepare(String name, JsonNode rawParams, RpcMethods overlay) {
        RpcMethod method = overlay.find(name).or(() -> methods.find(name)).orElse(null);
        if (method == null) {
            RpcException notFound = RpcException.methodNotFound(name);
            return new Invocation(result -> result.completeExceptionally(notFound));
        }
        RpcParams params;
        try {
            params = RpcParams.of(rawParams, method.arity());
        } catch (RpcException e) {
            return new Invocation(result -> result.completeExceptionally(e));
        }
        if (method instanceof RpcMethod.Blocking blocking) {
            return new Invocation(result -> runBlocking(blocking, params, result));
        }
        RpcMethod.Async async = (RpcMethod.Async) method;
        return new Invocation(result -> runAsync(async, params, result));
    }

    private void runBlocking(
            RpcMethod.Blocking method, RpcParams params, CompletableFuture<Object> result) {
        Future<?> task;
        try {
            task =
                    blockingExecutor.submit(
                            () -> {
                                if (result.isDone()) {
                                    return; // cancelled while queued
                                }
                                try {
                                    result.complete(method.handler().handle(params));
                                } catch (Throwable t) {
                                    result.completeExceptionally(t);
                                }
                            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(BUSY);
            return;
        }
        result.whenComplete(
                (value, failure) -> {
                    if (result.isCancelled()) {
                        task.cancel(true);
                    }
                });
    }

    private static void runAsync(
            RpcMethod.Async method, RpcParams params, CompletableFuture<Object> result) {
        CompletableFuture<?> answer;
        try {
            answer = method.handler().handle(params);
        } catch (Throwable t) {
            result.completeExceptionally(t);
            return;
        }
        if (answer == null) {
            result.completeExceptionally(
                    new IllegalStateException(
                            "handler of " + method.name() + " returned no future"));
            return;
        }
        answer.whenComplete(
                (value, failure) -> {
                    if (failure == null) {
                        result.complete(value);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
        result.whenComplete(
                (value, failure) -> {
                    if (result.isCancelled()) {
                        answer.cancel(true);
                    }
                });
    }
}
