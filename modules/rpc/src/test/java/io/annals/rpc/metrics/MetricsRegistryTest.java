package io.annals.rpc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {
    private final MetricsRegistry registry = new MetricsRegistry();

    @Test
    void rendersCountersWithHelpTypeAndLabels() {
        CounterFamily requests =
                registry.counter("rpc_requests_total", "Calls served.", "method", "outcome");
        requests.labels("eth_getLogs", "success").inc();
        requests.labels("eth_getLogs", "success").inc(2);
        requests.labels("eth_chainId", "error").inc();

        assertThat(registry.scrape())
                .isEqualTo(
                        """
                # HELP rpc_requests_total Calls served.
                # TYPE rpc_requests_total counter
                rpc_requests_total{method="eth_chainId",outcome="error"} 1
                rpc_requests_total{method="eth_getLogs",outcome="success"} 3
                """);
    }

    @Test
    void escapesLabelValuesAndHelpText() {
        registry.counter("odd_total", "Line one\nback\\slash \"quoted\"", "value")
                .labels("a\"b\\c\nd")
                .inc();

        String text = registry.scrape();
        assertThat(text).contains("# HELP odd_total Line one\\nback\\\\slash \"quoted\"\n");
        assertThat(text).contains("odd_total{value=\"a\\\"b\\\\c\\nd\"} 1\n");
        PrometheusSamples parsed = PrometheusSamples.parse(text);
        assertThat(parsed.value("odd_total", Map.of("value", "a\"b\\c\nd"))).isEqualTo(1);
    }

    @Test
    void rendersGaugesAndCallbackGauges() {
        GaugeFamily open = registry.gauge("open_connections", "Open now.");
        open.labels().add(3);
        open.labels().add(-1);
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
    void rendersCumulativeHistogramBuckets() {
        HistogramFamily latency =
                registry.histogram(
                        "latency_seconds", "Latency.", new double[] {0.1, 1, 10}, "method");
        HistogramFamily.Histogram h = latency.labels("m");
        h.observe(0.05);
        h.observe(0.1); // on a bound: counts in that bucket (le means less than or equal)
        h.observe(5);
        h.observe(100);

        assertThat(registry.scrape())
                .isEqualTo(
                        """
                # HELP latency_seconds Latency.
                # TYPE latency_seconds histogram
                latency_seconds_bucket{method="m",le="0.1"} 2
                latency_seconds_bucket{method="m",le="1"} 2
                latency_seconds_bucket{method="m",le="10"} 3
                latency_seconds_bucket{method="m",le="+Inf"} 4
                latency_seconds_sum{method="m"} 105.15
                latency_seconds_count{method="m"} 4
                """);
    }

    @Test
    void countsFromManyThreadsWithoutLoss() throws InterruptedException {
        CounterFamily.Counter counter = registry.counter("hits_total", "Hits.").labels();
        HistogramFamily.Histogram histogram =
                registry.histogram("sizes", "Sizes.", new double[] {1}).labels();
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
        assertThat(parsed.value("sizes_bucket", Map.of("le", "1"))).isEqualTo(40_000);
    }

    @Test
    void refusesInvalidOrDuplicateRegistrations() {
        registry.counter("a_total", "A.");
        assertThatThrownBy(() -> registry.counter("a_total", "Again."))
                .hasMessageContaining("registered twice");
        assertThatThrownBy(() -> registry.counter("1bad", "Bad name."))
                .hasMessageContaining("metric name");
        assertThatThrownBy(() -> registry.counter("b_total", "B.", "__reserved"))
                .hasMessageContaining("label name");
        assertThatThrownBy(() -> registry.counter("c_total", "C.", "x", "x"))
                .hasMessageContaining("repeated");
        assertThatThrownBy(() -> registry.histogram("d", "D.", new double[] {1}, "le"))
                .hasMessageContaining("le");
        assertThatThrownBy(() -> registry.histogram("e", "E.", new double[] {2, 1}))
                .hasMessageContaining("increasing");
        CounterFamily labelled = registry.counter("f_total", "F.", "method");
        assertThatThrownBy(() -> labelled.labels()).hasMessageContaining("has labels");
        assertThatThrownBy(() -> labelled.labels("x").inc(-1))
                .hasMessageContaining("never goes down");
    }
}
