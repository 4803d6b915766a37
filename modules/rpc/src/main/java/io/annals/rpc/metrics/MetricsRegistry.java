package io.annals.rpc.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * The node's metrics, served by {@code GET /metrics} in the Prometheus text format. One registry is
 * created by the node and passed to every component that reports metrics; there is no global
 * instance. Registration is rare and synchronized; updating a counter, gauge or histogram is
 * lock-free and safe from any thread.
 *
 * <pre>{@code
 * CounterFamily stored = registry.counter("annals_store_blocks_written_total", "Blocks written.");
 * stored.labels().inc();
 * registry.gauge("annals_sync_head_lag_blocks", "Blocks behind the network head.", tracker::lag);
 * }</pre>
 */
public final class MetricsRegistry {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, MetricFamily> families = new LinkedHashMap<>();

    public synchronized CounterFamily counter(String name, String help, String... labelNames) {
        return register(new CounterFamily(name, help, checkLabels(name, labelNames)));
    }

    public synchronized GaugeFamily gauge(String name, String help, String... labelNames) {
        return register(new GaugeFamily(name, help, checkLabels(name, labelNames)));
    }

    /**
     * A gauge read from {@code value} at each scrape; the supplier must be cheap and thread-safe.
     */
    public synchronized void gauge(String name, String help, DoubleSupplier value) {
        register(new CallbackGauge(name, help, value));
    }

    /** A histogram with these upper bucket bounds (finite, increasing; +Inf is implied). */
    public synchronized HistogramFamily histogram(
            String name, String help, double[] bucketBounds, String... labelNames) {
        return register(
                new HistogramFamily(name, help, bucketBounds, checkLabels(name, labelNames)));
    }

    /** Every metric in the text exposition format 0.0.4. */
    public String scrape() {
        List<MetricFamily> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(families.values());
        }
        StringBuilder out = new StringBuilder(4096);
        PrometheusText text = new PrometheusText(out);
        for (MetricFamily family : snapshot) {
            family.writeTo(text);
        }
        return out.toString();
    }

    private <T extends MetricFamily> T register(T family) {
        if (!METRIC_NAME.matcher(family.name()).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric name: " + family.name());
        }
        if (families.putIfAbsent(family.name(), family) != null) {
            throw new IllegalArgumentException("metric registered twice: " + family.name());
        }
        return family;
    }

    private static List<String> checkLabels(String metric, String... labelNames) {
        for (String label : labelNames) {
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException(metric + ": not a label name: " + label);
            }
        }
        List<String> labels = List.of(labelNames);
        if (labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException(metric + ": repeated label name in " + labels);
        }
        return labels;
    }
}
