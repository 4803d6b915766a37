package io.annals.node;

/** The process's exit codes. */
public final class ExitCodes {
    private ExitCodes() {}

    /**
     * Stopped by SIGINT/SIGTERM after a clean shutdown (the JVM reports 130/143 for those), or
     * --print-config.
     */
    public static final int OK = 0;

    /**
     * The configuration or the data directory is unusable, or a part failed to start (message on
     * stderr).
     */
    public static final int STARTUP_FAILED = 1;

    /** A command-line flag is unknown or its value malformed (picocli's usage error). */
    public static final int USAGE = 2;

    /**
     * Sync stopped with an error while running (e.g. a store write failed: disk full); the node
     * shut down.
     */
    public static final int SYNC_FAILED = 3;

    /** {@code annals verify} or {@code annals db repair}: the store is not consistent. */
    public static final int STORE_DAMAGED = 4;

    /**
     * import-era finished without importing everything: a file was refused (the summary names it
     * and why) or not attempted after one was; what was imported stays, and a rerun resumes.
     */
    public static final int IMPORT_INCOMPLETE = 5;

    /**
     * The cluster downed this host (it was on the minority side of a partition, or an operator
     * downed it); the node shut down. Restart it to join the cluster again.
     */
    public static final int CLUSTER_DOWNED = 6;
}
