package io.annals.rpc.http;

import io.annals.rpc.metrics.MetricsRegistry;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format. Rendering calls other modules'
 * gauge callbacks, so it runs on the blocking executor, not on the event loop.
 */
final class MetricsEndpoint {
    private final MetricsRegistry registry;
    private final Executor executor;

    MetricsEndpoint(MetricsRegistry registry, Executor executor) {
        this.registry = registry;
        this.executor = executor;
    }

    CompletableFuture<FullHttpResponse> handle() {
        CompletableFuture<String> text;
        try {
            text = CompletableFuture.supplyAsync(registry::scrape, executor);
        } catch (RuntimeException busy) {
            text = CompletableFuture.failedFuture(busy);
        }
        return text.handle(
                (scrape, failure) ->
                        failure == null
                                ? HttpReplies.text(
                                        HttpResponseStatus.OK, MetricsRegistry.CONTENT_TYPE, scrape)
                                : HttpReplies.text(
                                        HttpResponseStatus.SERVICE_UNAVAILABLE,
                                        "metrics unavailable"));
    }
}
