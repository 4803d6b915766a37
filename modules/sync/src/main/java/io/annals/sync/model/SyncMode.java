package io.annals.sync.model;

/** The two ways the engine runs; each has its own section of {@code annals.sync}. */
public enum SyncMode {
    /** Back-filling old history: missing data at a peer is a real failure. */
    HISTORICAL("historical"),
    /** Following the chain head: missing data near the tip is usually propagation lag. */
    FOLLOW("follow");

    private final String configSection;

    SyncMode(String configSection) {
        this.configSection = configSection;
    }

    /** The name of this mode's section under {@code annals.sync}. */
    public String configSection() {
        return configSection;
    }
}
