package io.annals.node;

import com.typesafe.config.Config;
import io.annals.core.config.ConfigSection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code annals.node} section (reference.conf explains each key). Immutable; invalid values
 * fail at start-up with the key named.
 *
 * @param dataDir where the store and node key live; empty for a new temporary directory
 * @param endBlock the last block to sync, if the node should not follow the head beyond it
 * @param progressInterval how often the progress line is printed; zero for never
 * @param ethWorkerThreads threads of the eth worker pool (resolved: never zero)
 */
public record NodeSettings(
        String network,
        Optional<Path> dataDir,
        OptionalLong endBlock,
        boolean embeddedDevnet,
        Duration progressInterval,
        Duration statsInterval,
        long syncedLag,
        int ethWorkerThreads,
        Duration flushTimeout,
        Duration actorSystemTimeout) {

    public static final String PATH = "annals.node";

    public NodeSettings {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(endBlock, "endBlock");
        if (endBlock.isPresent() && endBlock.getAsLong() < 0) {
            throw new IllegalArgumentException(
                    PATH + ".end-block must not be negative, got " + endBlock.getAsLong());
        }
        requireNotNegative("progress-interval", progressInterval);
        requirePositive("stats-interval", statsInterval);
        requirePositive("shutdown.flush-timeout", flushTimeout);
        requirePositive("shutdown.actor-system-timeout", actorSystemTimeout);
        if (syncedLag < 0) {
            throw new IllegalArgumentException(
                    PATH + ".synced-lag must not be negative, got " + syncedLag);
        }
        if (ethWorkerThreads < 1) {
            throw new IllegalArgumentException(
                    PATH + ".eth-worker-threads must be positive, got " + ethWorkerThreads);
        }
    }

    public static NodeSettings fromConfig(Config root) {
        Config c = root.getConfig(PATH);
        String dir = c.getString("data-dir");
        int workers = c.getInt("eth-worker-threads");
        if (workers < 0) {
            throw new IllegalArgumentException(
                    PATH + ".eth-worker-threads must not be negative, got " + workers);
        }
        return ConfigSection.at(root, PATH)
                .build(
                        () ->
                                new NodeSettings(
                                        c.getString("network"),
                                        dir.isBlank()
                                                ? Optional.empty()
                                                : Optional.of(Path.of(dir)),
                                        c.hasPath("end-block")
                                                ? OptionalLong.of(c.getLong("end-block"))
                                                : OptionalLong.empty(),
                                        c.getBoolean("embedded-devnet"),
                                        c.getDuration("progress-interval"),
                                        c.getDuration("stats-interval"),
                                        c.getLong("synced-lag"),
                                        workers == 0
                                                ? Math.max(
                                                        2,
                                                        Runtime.getRuntime().availableProcessors())
                                                : workers,
                                        c.getDuration("shutdown.flush-timeout"),
                                        c.getDuration("shutdown.actor-system-timeout")));
    }

    /** Whether {@code contiguousHead} is at or past the end block, if there is one. */
    public boolean endReached(long contiguousHead) {
        return endBlock.isPresent() && contiguousHead >= endBlock.getAsLong();
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    PATH + "." + key + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(String key, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(
                    PATH + "." + key + " must not be negative, got " + value);
        }
    }
}
