package io.annals.rpc.metrics;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** A counter, or a set of counters told apart by labels. Counters only go up. */
public final class CounterFamily implements MetricFamily {
    private final String name;
    private final String help;
    private final LabeledChildren<Counter> children;

    /** One counter: a monotonically increasing count. */
    public static final class Counter {
        private final LongAdder value = new LongAdder();

        public void inc() {
            value.increment();
        }

        public void inc(long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("a counter never goes down: " + amount);
            }
            value.add(amount);
        }

        public long value() {
            return value.sum();
        }
    }

    CounterFamily(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.children = new LabeledChildren<>(name, labelNames, Counter::new);
    }

    /** The counter for these label values (in the order the labels were declared). */
    public Counter labels(String... labelValues) {
        return children.get(labelValues);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.header(name, help, "counter");
        for (var child : children.sorted()) {
            out.sample(
                    name,
                    children.labelNames(),
                    child.getKey(),
                    null,
                    null,
                    Long.toString(child.getValue().value()));
        }
    }
}
