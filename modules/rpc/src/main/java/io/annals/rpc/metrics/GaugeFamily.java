package io.annals.rpc.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A gauge, or a set of gauges told apart by labels: values that go up and down. */
public final class GaugeFamily implements MetricFamily {
    private final String name;
    private final String help;
    private final LabeledChildren<Gauge> children;

    /** One gauge. */
    public static final class Gauge {
        private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0));

        public void set(double value) {
            bits.set(Double.doubleToRawLongBits(value));
        }

        public void add(double delta) {
            bits.getAndUpdate(
                    current ->
                            Double.doubleToRawLongBits(Double.longBitsToDouble(current) + delta));
        }

        public double value() {
            return Double.longBitsToDouble(bits.get());
        }
    }

    GaugeFamily(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.children = new LabeledChildren<>(name, labelNames, Gauge::new);
    }

    public Gauge labels(String... labelValues) {
        return children.get(labelValues);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.header(name, help, "gauge");
        for (var child : children.sorted()) {
            out.sample(
                    name,
                    children.labelNames(),
                    child.getKey(),
                    null,
                    null,
                    PrometheusText.number(child.getValue().value()));
        }
    }
}
