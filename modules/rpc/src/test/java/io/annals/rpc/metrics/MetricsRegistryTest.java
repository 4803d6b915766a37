package io.annals.rpc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The registry's factories and its exposition, read back with an independent strict parser. */
class MetricsRegistryTest {
    private final MetricsRegistry registry = new MetricsRegistry();

    @Test
    void rendersCountersWithHelpTypeAndLabels() {
        Counter requests =
                registry.counter("rpc_requests_total", "Calls served.", "method", "outcome");
        requests.labelValues("eth_getLogs", "success").inc();
        requests.labelValues("eth_getLogs", "success").inc(2);
        requests.labelValues("eth_chainId", "error").inc();

        String text = registry.scrape();
        assertThat(text)
                .contains("# HELP rpc_requests_total Calls served.\n")
                .contains("# TYPE rpc_requests_total counter\n");
        PrometheusSamples parsed = PrometheusSamples.parse(text);
        assertThat(
                        parsed.value(
                                "rpc_requests_total",
                                Map.of("method", "eth_getLogs", "outcome", "success")))
                .isEqualTo(3);
        assertThat(
                        parsed.value(
                                "rpc_requests_total",
                                Map.of("method", "eth_chainId", "outcome", "error")))
                .isEqualTo(1);
    }

    @Test
    void escapesLabelValuesAndHelpText() {
        registry.counter("odd_total", "Line one\nback\\slash", "value")
                .labelValues("a\"b\\c\nd")
                .inc();

        String text = registry.scrape();
        assertThat(text).contains("# HELP odd_total Line one\\nback\\\\slash\n");
        PrometheusSamples parsed = PrometheusSamples.parse(text);
        assertThat(parsed.value("odd_total", Map.of("value", "a\"b\\c\nd"))).isEqualTo(1);
    }

    @Test
    void rendersGaugesAndCallbackGaugesAndABrokenSourceAsNaN() {
        Gauge open = registry.gauge("open_connections", "Open now.");
        open.inc(3);
        open.dec();
        registry.gauge("head_lag_blocks", "Blocks behind.", () -> 1.5);
        registry.gauge(
                "broken_source",
                "Throws.",
                () -> {
                    throw new IllegalStateException("source gone");
                });

        PrometheusSamples parsed = PrometheusSamples.parse(registry.scrape());
        assertThat(parsed.type("open_connections")).isEqualTo("gauge");
        assertThat(parsed.value("open_connections", Map.of())).isEqualTo(2);
        assertThat(parsed.value("head_lag_blocks", Map.of())).isEqualTo(1.5);
        assertThat(parsed.value("broken_source", Map.of())).isNaN();
    }

    @Test
    void rendersCumulativeClassicHistogramBuckets() {
        Histogram latency =
                registry.histogram(
                        "latency_seconds", "Latency.", new double[] {0.1, 1, 10}, "method");
        latency.labelValues("m").observe(0.05);
        latency.labelValues("m").observe(0.1); // on a bound: counts in that bucket (le is <=)
        latency.labelValues("m").observe(5);
        latency.labelValues("m").observe(100);

        PrometheusSamples parsed = PrometheusSamples.parse(registry.scrape());
        assertThat(parsed.type("latency_seconds")).isEqualTo("histogram");
        Map<String, Double> buckets = Map.of("0.1", 2.0, "1.0", 2.0, "10.0", 3.0, "+Inf", 4.0);
        buckets.forEach(
                (le, count) ->
                        assertThat(
                                        parsed.value(
                                                "latency_seconds_bucket",
                                                Map.of("method", "m", "le", le)))
                                .as("le=" + le)
                                .isEqualTo(count));
        assertThat(parsed.value("latency_seconds_sum", Map.of("method", "m"))).isEqualTo(105.15);
        assertThat(parsed.value("latency_seconds_count", Map.of("method", "m"))).isEqualTo(4);
    }

    @Test
    void countsFromManyThreadsWithoutLoss() throws InterruptedException {
        Counter counter = registry.counter("hits_total", "Hits.");
        Histogram histogram = registry.histogram("sizes", "Sizes.", new double[] {1});
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(
                    () -> {
                        for (int i = 0; i < 10_000; i++) {
                            counter.inc();
                            histogram.observe(i % 2);
                        }
                    });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        PrometheusSamples parsed = PrometheusSamples.parse(registry.scrape());
        assertThat(parsed.value("hits_total", Map.of())).isEqualTo(40_000);
        assertThat(parsed.value("sizes_count", Map.of())).isEqualTo(40_000);
        assertThat(parsed.value("sizes_bucket", Map.of("le", "1.0"))).isEqualTo(40_000);
    }

    @Test
    void refusesDuplicateAndInvalidRegistrations() {
        registry.counter("a_total", "A.");
        assertThatThrownBy(() -> registry.counter("a_total", "Again."))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.histogram("d", "D.", new double[] {1}, "le"))
                .isInstanceOf(IllegalArgumentException.class);
        Counter labelled = registry.counter("f_total", "F.", "method");
        assertThatThrownBy(() -> labelled.labelValues("x").inc(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJvmInstrumentationReportsHeapGcThreadsAndBufferPools() {
        PrometheusSamples parsed =
                PrometheusSamples.parse(MetricsRegistry.withJvmMetrics().scrape());
        assertThat(parsed.type("jvm_memory_used_bytes")).isEqualTo("gauge");
        assertThat(parsed.value("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        assertThat(parsed.type("jvm_gc_collection_seconds")).isEqualTo("summary");
        assertThat(parsed.type("jvm_threads_current")).isEqualTo("gauge");
        assertThat(parsed.type("jvm_buffer_pool_used_bytes")).isEqualTo("gauge");
    }
}
