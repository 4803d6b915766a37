package io.annals.rpc.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The node's metrics, served by {@code GET /metrics}: a {@link PrometheusRegistry} of the
 * Prometheus Java client, rendered in the Prometheus text format 0.0.4 by the client's own writer.
 * One registry is created by the node and passed to every component that reports metrics; there is
 * no global instance (the client's {@code PrometheusRegistry.defaultRegistry} is never used).
 * Updating a counter, gauge or histogram is lock-free and safe from any thread.
 *
 * <p>The factories here are shorthands for the client's builders with the project's defaults
 * (classic histograms only, a failing callback gauge reads NaN instead of failing the scrape):
 *
 * <pre>{@code
 * Counter stored = registry.counter("annals_store_blocks_written_total", "Blocks written.");
 * stored.inc();
 * registry.gauge("annals_sync_head_lag_blocks", "Blocks behind the network head.", tracker::lag);
 * }</pre>
 */
public final class MetricsRegistry {
    /** What {@code /metrics} answers with. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * A registry that also reports the JVM's own figures ({@code jvm_memory_*}, {@code jvm_gc_*},
     * {@code jvm_threads_*}, {@code jvm_buffer_pool_*}, {@code process_*}, ...) through the
     * client's JVM instrumentation.
     */
    public static MetricsRegistry withJvmMetrics() {
        MetricsRegistry metrics = new MetricsRegistry();
        JvmMetrics.builder().register(metrics.registry);
        return metrics;
    }

    /** The client's registry, for metrics built with its builders directly. */
    public PrometheusRegistry prometheus() {
        return registry;
    }

    public Counter counter(String name, String help, String... labelNames) {
        return Counter.builder().name(name).help(help).labelNames(labelNames).register(registry);
    }

    public Gauge gauge(String name, String help, String... labelNames) {
        return Gauge.builder().name(name).help(help).labelNames(labelNames).register(registry);
    }

    /**
     * A gauge read from {@code value} at each scrape; the supplier must be cheap and thread-safe. A
     * supplier that throws reads NaN, so one broken source never fails the whole scrape.
     */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(read(value)))
                .register(registry);
    }

    /**
     * A counter read from {@code value} at each scrape (a count another component keeps); the
     * supplier must be cheap, thread-safe and never decrease.
     */
    public void counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }

    /** A classic histogram with these upper bucket bounds (+Inf is implied). */
    public Histogram histogram(
            String name, String help, double[] bucketBounds, String... labelNames) {
        return Histogram.builder()
                .name(name)
                .help(help)
                .classicOnly()
                .classicUpperBounds(bucketBounds)
                .labelNames(labelNames)
                .register(registry);
    }

    /** Every metric in the text exposition format 0.0.4. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static double read(DoubleSupplier value) {
        try {
            return value.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
