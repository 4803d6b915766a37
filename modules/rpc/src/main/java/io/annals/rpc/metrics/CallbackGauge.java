package io.annals.rpc.metrics;

import java.util.List;
import java.util.function.DoubleSupplier;

/** A gauge whose value is read when scraped, e.g. a queue's size owned by another component. */
final class CallbackGauge implements MetricFamily {
    private final String name;
    private final String help;
    private final DoubleSupplier value;

    CallbackGauge(String name, String help, DoubleSupplier value) {
        this.name = name;
        this.help = help;
        this.value = value;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.header(name, help, "gauge");
        out.sample(name, List.of(), List.of(), null, null, PrometheusText.number(read()));
    }

    /** A failing source shows as NaN rather than failing the whole scrape. */
    private double read() {
        try {
            return value.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
