package io.annals.rpc.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The children of a labelled family, one per combination of label values, created on first use. */
final class LabeledChildren<T> {
    private final String familyName;
    private final List<String> labelNames;
    private final Supplier<T> factory;
    private final Map<List<String>, T> children = new ConcurrentHashMap<>();

    LabeledChildren(String familyName, List<String> labelNames, Supplier<T> factory) {
        this.familyName = familyName;
        this.labelNames = List.copyOf(labelNames);
        this.factory = factory;
    }

    List<String> labelNames() {
        return labelNames;
    }

    T get(String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(
                    familyName
                            + " has labels "
                            + labelNames
                            + ", got values "
                            + Arrays.toString(labelValues));
        }
        for (String value : labelValues) {
            if (value == null) {
                throw new IllegalArgumentException(familyName + ": a label value is never null");
            }
        }
        return children.computeIfAbsent(List.of(labelValues), key -> factory.get());
    }

    /** The children sorted by label values, so that output is stable from scrape to scrape. */
    List<Map.Entry<List<String>, T>> sorted() {
        List<Map.Entry<List<String>, T>> entries = new ArrayList<>(children.entrySet());
        entries.sort((a, b) -> compare(a.getKey(), b.getKey()));
        return entries;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
