package io.annals.sync.ledger;

import com.typesafe.config.Config;
import io.annals.sync.model.SyncMode;
import java.time.Duration;
import java.util.Objects;

/**
 * The scheduler's tuning for one {@link SyncMode}, read from {@code annals.sync.<mode>}. Immutable
 * once loaded. The checks in the constructor are what make invariant 1 (liveness) hold by
 * construction: no delay the ledger can impose exceeds {@link #livenessBound()}.
 */
public record SchedulerSettings(
        SyncMode mode,
        int blocksPerAssignment,
        int initialBatchSize,
        int maxAttemptsPerBlock,
        long shardSize,
        Duration blockBackoffInitial,
        Duration maxBlockBackoff,
        Duration peerBackoffInitial,
        Duration peerBackoffMax,
        Duration staleHeadCooldown,
        Duration notYetAvailableRetry,
        long notYetAvailableDepth,
        Duration stallThreshold,
        int maxBlocksUnpersisted,
        Duration targetBatchTime) {

    public SchedulerSettings {
        Objects.requireNonNull(mode, "mode");
        requirePositive("blocks-per-assignment", blocksPerAssignment);
        requirePositive("initial-batch-size", initialBatchSize);
        requirePositive("max-attempts-per-block", maxAttemptsPerBlock);
        requirePositive("shard-size", shardSize);
        if (initialBatchSize > blocksPerAssignment) {
            throw new IllegalArgumentException(
                    "initial-batch-size "
                            + initialBatchSize
                            + " exceeds blocks-per-assignment "
                            + blocksPerAssignment);
        }
        if (notYetAvailableDepth < 0) {
            throw new IllegalArgumentException("not-yet-available-depth must not be negative");
        }
        requirePositive("block-backoff-initial", blockBackoffInitial);
        requirePositive("peer-backoff-initial", peerBackoffInitial);
        requirePositive("stale-head-cooldown", staleHeadCooldown);
        requirePositive("not-yet-available-retry", notYetAvailableRetry);
        requirePositive("stall-threshold", stallThreshold);
        requirePositive("target-batch-time", targetBatchTime);
        if (maxBlocksUnpersisted < blocksPerAssignment) {
            throw new IllegalArgumentException(
                    "max-blocks-unpersisted "
                            + maxBlocksUnpersisted
                            + " is below blocks-per-assignment "
                            + blocksPerAssignment
                            + ": not even one full batch would fit");
        }
        requireAtMost(
                "block-backoff-initial", blockBackoffInitial, "max-block-backoff", maxBlockBackoff);
        requireAtMost(
                "peer-backoff-initial", peerBackoffInitial, "peer-backoff-max", peerBackoffMax);
        // Liveness: a peer can be held back by its own backoff or by the not-yet-available delay;
        // neither may outlast the per-block cap, or a waiting block could wait longer than the cap.
        requireAtMost("peer-backoff-max", peerBackoffMax, "max-block-backoff", maxBlockBackoff);
        requireAtMost(
                "not-yet-available-retry",
                notYetAvailableRetry,
                "max-block-backoff",
                maxBlockBackoff);
    }

    /** Reads {@code annals.sync.<mode>} from a full configuration (reference.conf included). */
    public static SchedulerSettings fromConfig(Config config, SyncMode mode) {
        Config section = config.getConfig("annals.sync." + mode.configSection());
        return new SchedulerSettings(
                mode,
                section.getInt("blocks-per-assignment"),
                section.getInt("initial-batch-size"),
                section.getInt("max-attempts-per-block"),
                section.getLong("shard-size"),
                section.getDuration("block-backoff-initial"),
                section.getDuration("max-block-backoff"),
                section.getDuration("peer-backoff-initial"),
                section.getDuration("peer-backoff-max"),
                section.getDuration("stale-head-cooldown"),
                section.getDuration("not-yet-available-retry"),
                section.getLong("not-yet-available-depth"),
                section.getDuration("stall-threshold"),
                section.getInt("max-blocks-unpersisted"),
                section.getDuration("target-batch-time"));
    }

    /**
     * The longest any waiting block can be refused to an idle peer whose head covers it: every
     * cooldown the ledger sets is at most this long.
     */
    public Duration livenessBound() {
        return maxBlockBackoff; // the constructor keeps peer backoff and the not-yet-available
        // delay within it
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }

    private static void requirePositive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }

    private static void requireAtMost(String key, Duration value, String boundKey, Duration bound) {
        Objects.requireNonNull(bound, boundKey);
        if (value.compareTo(bound) > 0) {
            throw new IllegalArgumentException(
                    key + " (" + value + ") must not exceed " + boundKey + " (" + bound + ")");
        }
    }
}
