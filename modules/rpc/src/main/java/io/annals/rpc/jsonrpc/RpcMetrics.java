package io.annals.rpc.jsonrpc;

import io.annals.rpc.metrics.MetricsRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

/**
 * The server's own metrics: calls by method and outcome, and call latency by method. Methods that
 * are not registered count as {@code unknown}, so callers cannot grow the label set without bound.
 */
public final class RpcMetrics {
    static final String UNKNOWN_METHOD = "unknown";

    /**
     * Seconds; from half a millisecond (constants) to thirty seconds (the default request timeout).
     */
    static final double[] LATENCY_BUCKETS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
    };

    /** How a call ended. */
    enum Outcome {
        SUCCESS("success"),
        ERROR("error"),
        TIMEOUT("timeout");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    private final Counter requests;
    private final Histogram latency;

    public RpcMetrics(MetricsRegistry registry) {
        requests =
                registry.counter(
                        "annals_rpc_requests_total",
                        "JSON-RPC calls served, by method and outcome (success, error, timeout).",
                        "method",
                        "outcome");
        latency =
                registry.histogram(
                        "annals_rpc_request_duration_seconds",
                        "Time from dispatch to answer of JSON-RPC calls, by method.",
                        LATENCY_BUCKETS,
                        "method");
    }

    void record(String method, Outcome outcome, long nanos) {
        requests.labelValues(method, outcome.label).inc();
        latency.labelValues(method).observe(nanos / 1e9);
    }
}
