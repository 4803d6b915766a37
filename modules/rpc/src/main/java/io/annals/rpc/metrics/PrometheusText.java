package io.annals.rpc.metrics;

import java.util.List;

/**
 * The Prometheus text exposition format, version 0.0.4: {@code # HELP} and {@code # TYPE} lines per
 * family, then one {@code name{label="value"} number} line per sample.
 *
 * @see <a
 *     href="https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format">text
 *     format</a>
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out;

    PrometheusText(StringBuilder out) {
        this.out = out;
    }

    void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /**
     * One sample; {@code extraName}/{@code extraValue} add a label after the family's (histograms'
     * {@code le}).
     */
    void sample(
            String name,
            List<String> labelNames,
            List<String> labelValues,
            String extraName,
            String extraValue,
            String value) {
        out.append(name);
        boolean hasExtra = extraName != null;
        if (!labelNames.isEmpty() || hasExtra) {
            out.append('{');
            for (int i = 0; i < labelNames.size(); i++) {
                label(i > 0, labelNames.get(i), labelValues.get(i));
            }
            if (hasExtra) {
                label(!labelNames.isEmpty(), extraName, extraValue);
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private void label(boolean comma, String name, String value) {
        if (comma) {
            out.append(',');
        }
        out.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * A float as Prometheus reads it: {@code NaN}, {@code +Inf}, {@code -Inf}, integers without a
     * fraction.
     */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
