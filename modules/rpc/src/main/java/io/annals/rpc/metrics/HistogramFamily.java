package io.annals.rpc.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram with fixed bucket bounds, or a set of them told apart by labels. Rendered as
 * cumulative {@code _bucket{le=...}} samples ending with {@code le="+Inf"}, then {@code _sum} and
 * {@code _count}.
 */
public final class HistogramFamily implements MetricFamily {
    private final String name;
    private final String help;
    private final double[] bounds;
    private final LabeledChildren<Histogram> children;

    /** One histogram. */
    public static final class Histogram {
        private final double[] bounds;
        private final LongAdder[] counts; // per bucket, not cumulative; the last one is +Inf
        private final DoubleAdder sum = new DoubleAdder();

        private Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new LongAdder[bounds.length + 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        public void observe(double value) {
            int bucket = Arrays.binarySearch(bounds, value);
            // an exact bound belongs to its own bucket (le is "less than or equal")
            counts[bucket >= 0 ? bucket : -bucket - 1].increment();
            sum.add(value);
        }

        public long count() {
            long total = 0;
            for (LongAdder c : counts) {
                total += c.sum();
            }
            return total;
        }
    }

    HistogramFamily(String name, String help, double[] bounds, List<String> labelNames) {
        if (labelNames.contains("le")) {
            throw new IllegalArgumentException(name + ": 'le' is the bucket label of a histogram");
        }
        double[] copy = bounds.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Double.isFinite(copy[i]) || i > 0 && copy[i] <= copy[i - 1]) {
                throw new IllegalArgumentException(
                        name + ": bucket bounds must be finite and increasing");
            }
        }
        this.name = name;
        this.help = help;
        this.bounds = copy;
        this.children = new LabeledChildren<>(name, labelNames, () -> new Histogram(copy));
    }

    public Histogram labels(String... labelValues) {
        return children.get(labelValues);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.header(name, help, "histogram");
        List<String> labels = children.labelNames();
        for (var child : children.sorted()) {
            Histogram h = child.getValue();
            long cumulative = 0;
            for (int i = 0; i < h.counts.length; i++) {
                cumulative += h.counts[i].sum();
                String le = i < bounds.length ? PrometheusText.number(bounds[i]) : "+Inf";
                out.sample(
                        name + "_bucket",
                        labels,
                        child.getKey(),
                        "le",
                        le,
                        Long.toString(cumulative));
            }
            out.sample(
                    name + "_sum",
                    labels,
                    child.getKey(),
                    null,
                    null,
                    PrometheusText.number(h.sum.sum()));
            // _count is the +Inf bucket, so the two always agree within one scrape
            out.sample(
                    name + "_count", labels, child.getKey(), null, null, Long.toString(cumulative));
        }
    }
}
