package io.annals.rpc.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.rpc.health.HealthSnapshot;
import io.annals.rpc.health.HealthSource;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: 200 with the snapshot as JSON while the node is healthy, 503 while the sync
 * is stalled (with the stall report) or when the health source does not answer in time, so that
 * load balancers and probes take a stalled node out of rotation.
 */
final class HealthEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);

    private final HealthSource source;
    private final Duration timeout;
    private final ObjectMapper mapper;

    HealthEndpoint(HealthSource source, Duration timeout, ObjectMapper mapper) {
        this.source = source;
        this.timeout = timeout;
        this.mapper = mapper;
    }

    CompletableFuture<FullHttpResponse> handle() {
        CompletableFuture<HealthSnapshot> snapshot;
        try {
            // a copy, so the timeout never completes a future the source may share
            snapshot = source.snapshot().toCompletableFuture().copy();
        } catch (RuntimeException e) {
            snapshot = CompletableFuture.failedFuture(e);
        }
        return snapshot.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .handle(
                        (health, failure) ->
                                failure == null ? render(health) : unavailable(failure));
    }

    private FullHttpResponse render(HealthSnapshot health) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.stalled() ? "stalled" : "ok");
        body.put("syncMode", health.syncMode());
        body.put("headBlock", health.headBlock());
        body.put("lagBlocks", health.lagBlocks());
        body.put("stalled", health.stalled());
        if (health.stallReport() != null) {
            body.put("stallReport", health.stallReport());
        }
        if (health.stallDetails() != null) {
            body.put("stallDetails", health.stallDetails());
        }
        if (health.cluster() != null) {
            body.put("cluster", health.cluster());
        }
        HttpResponseStatus status =
                health.stalled() ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK;
        try {
            return HttpReplies.json(status, mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            LOG.warn("stall details cannot be written as JSON; /health answers without them", e);
            body.remove("stallDetails");
            return HttpReplies.json(status, writeUnchecked(body));
        }
    }

    private FullHttpResponse unavailable(Throwable failure) {
        LOG.warn("health source did not answer: {}", failure.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "unknown");
        body.put("error", "health source did not answer");
        return HttpReplies.json(HttpResponseStatus.SERVICE_UNAVAILABLE, writeUnchecked(body));
    }

    private byte[] writeUnchecked(Map<String, Object> plainBody) {
        try {
            return mapper.writeValueAsBytes(plainBody);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("strings and numbers are always writable", impossible);
        }
    }
}
