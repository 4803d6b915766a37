package io.annals.rpc.metrics;

/** A named metric with its samples; the registry renders each family in registration order. */
sealed interface MetricFamily permits CounterFamily, GaugeFamily, CallbackGauge, HistogramFamily {

    String name();

    void writeTo(PrometheusText out);
}
