package io.annals.sync.write;

import com.typesafe.config.Config;
import io.annals.sync.chain.Checkpoints;
import java.time.Duration;
import java.util.Objects;

/**
 * The writer's settings, read from {@code annals.sync.writer} (and the trusted {@code
 * annals.sync.checkpoints}).
 *
 * @param queueCapacity blocks the writer's queue holds; an offer beyond is refused and the blocks
 *     go back to the scheduler (the scheduler's durability window normally keeps it from filling)
 * @param maxBatchBytes a store write takes at most this many block bytes
 * @param maxBatchBlocks and at most this many blocks
 * @param maxBatchDelay a block waits at most this long for others to share its write
 * @param checkpoints trusted block hashes: a block that contradicts one is never written
 */
public record WriterSettings(
        int queueCapacity,
        long maxBatchBytes,
        int maxBatchBlocks,
        Duration maxBatchDelay,
        Checkpoints checkpoints) {

    /** Config path of the writer's blocking dispatcher, where every store call runs. */
    public static final String DISPATCHER = "annals.sync.writer.dispatcher";

    public WriterSettings {
        Objects.requireNonNull(checkpoints, "checkpoints");
        if (queueCapacity < 1 || maxBatchBytes < 1 || maxBatchBlocks < 1) {
            throw new IllegalArgumentException("writer queue and batch limits must be positive");
        }
        if (maxBatchDelay.isNegative() || maxBatchDelay.isZero()) {
            throw new IllegalArgumentException("writer.max-batch-delay must be positive");
        }
    }

    public static WriterSettings fromConfig(Config config) {
        Config writer = config.getConfig("annals.sync.writer");
        return new WriterSettings(
                writer.getInt("queue-capacity"),
                writer.getBytes("max-batch-bytes"),
                writer.getInt("max-batch-blocks"),
                writer.getDuration("max-batch-delay"),
                Checkpoints.fromConfig(config));
    }

    public WriterSettings withCheckpoints(Checkpoints trusted) {
        return new WriterSettings(
                queueCapacity, maxBatchBytes, maxBatchBlocks, maxBatchDelay, trusted);
    }
}
