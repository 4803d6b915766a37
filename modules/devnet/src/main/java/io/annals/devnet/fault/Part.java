package io.annals.devnet.fault;

import java.util.Locale;

/** What a fault applies to: the three kinds of data a peer serves. */
public enum Part {
    HEADERS,
    BODIES,
    RECEIPTS;

    /** The name in configuration: {@code headers}, {@code bodies}, {@code receipts}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
