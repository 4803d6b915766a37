package io.annals.rpc.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Where {@code GET /health} gets the node's health. The node implements it over the sync
 * supervisor's stats snapshot (or an ask to it); the answer must come within the RPC request
 * timeout, else the endpoint answers 503. Called on a Netty event loop: it must not block.
 */
@FunctionalInterface
public interface HealthSource {

    CompletionStage<HealthSnapshot> snapshot();

    /** A source reading a value that is kept up to date elsewhere (e.g. a volatile field). */
    static HealthSource of(Supplier<HealthSnapshot> current) {
        return () -> {
            try {
                return CompletableFuture.completedFuture(current.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
