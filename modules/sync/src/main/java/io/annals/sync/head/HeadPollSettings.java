package io.annals.sync.head;

import com.typesafe.config.Config;
import io.annals.sync.model.SyncMode;
import java.time.Duration;
import java.util.Objects;

/**
 * How the head tracker looks for new blocks by asking: {@code
 * annals.sync.<mode>.head-poll-interval} (0s: no polling in that mode), {@code
 * annals.sync.head.block-time} and {@code annals.sync.head.poll-peers}.
 *
 * @param historicalInterval the gap between polls in historical mode (zero: none)
 * @param followInterval the gap between polls in follow mode, near the tip, when a block is due
 * @param blockTime the chain's block time: a new block is due one block time after the last
 * @param peers polls go round the parked peers with the highest heads, this many of them
 */
public record HeadPollSettings(
        Duration historicalInterval, Duration followInterval, Duration blockTime, int peers) {

    public HeadPollSettings {
        requireNotNegative("historical.head-poll-interval", historicalInterval);
        requireNotNegative("follow.head-poll-interval", followInterval);
        Objects.requireNonNull(blockTime, "blockTime");
        if (blockTime.isNegative() || blockTime.isZero()) {
            throw new IllegalArgumentException("head.block-time must be positive");
        }
        if (peers < 1) {
            throw new IllegalArgumentException("head.poll-peers must be at least 1, was " + peers);
        }
    }

    /** The gap between polls in {@code mode}; zero when that mode does not poll. */
    public Duration interval(SyncMode mode) {
        return mode == SyncMode.FOLLOW ? followInterval : historicalInterval;
    }

    static HeadPollSettings fromConfig(Config config) {
        Config sync = config.getConfig("annals.sync");
        return new HeadPollSettings(
                sync.getDuration("historical.head-poll-interval"),
                sync.getDuration("follow.head-poll-interval"),
                sync.getDuration("head.block-time"),
                sync.getInt("head.poll-peers"));
    }

    private static void requireNotNegative(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, was " + value);
        }
    }
}
