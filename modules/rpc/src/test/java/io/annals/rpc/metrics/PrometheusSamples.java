package io.annals.rpc.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4, written from the format's specification
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format), so tests check
 * the exposition as a scraper would read it. Fails on any line that is not HELP, TYPE or a sample.
 */
public final class PrometheusSamples {
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
    private static final Pattern TYPE =
            Pattern.compile(
                    "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE =
            Pattern.compile(
                    "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*\\})? "
                            + "(NaN|[+-]Inf|[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A sample: metric name, unescaped labels in order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> helps = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusSamples() {}

    public static PrometheusSamples parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition ends with a line feed");
        }
        PrometheusSamples result = new PrometheusSamples();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                result.helps.put(m.group(1), m.group(2));
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (result.types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("TYPE twice for " + m.group(1));
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                result.samples.add(new Sample(m.group(1), labels(m.group(2)), value(m.group(3))));
            } else {
                throw new IllegalArgumentException("not a valid exposition line: " + line);
            }
        }
        return result;
    }

    public String type(String family) {
        return types.get(family);
    }

    public String help(String family) {
        return helps.get(family);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The value of the one sample with this name and exactly these labels. */
    public double value(String name, Map<String, String> labels) {
        List<Sample> found =
                samples.stream()
                        .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                        .toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.size() + " samples " + name + labels);
        }
        return found.get(0).value();
    }

    private static Map<String, String> labels(String block) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (block == null) {
            return labels;
        }
        Matcher m = LABEL.matcher(block);
        while (m.find()) {
            labels.put(
                    m.group(1),
                    m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return labels;
    }

    private static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
