package io.annals.sync.head;

import com.typesafe.config.Config;
import io.annals.store.HistoryStore;
import io.annals.sync.chain.Checkpoints;
import io.annals.sync.guard.GuardSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The head tracker's and the chain guard's settings, read from {@code annals.sync.head} (and the
 * trusted {@code annals.sync.checkpoints}).
 *
 * @param rollbackWindow historical sync stops this many blocks below the network head: those blocks
 *     can still be reorganised, so follow mode fetches them, at the tip, where reorgs are handled;
 *     a reorg that would undo more confirmed blocks than this stops sync instead
 * @param quorum peers that must claim at least a head before it counts without proof, and that must
 *     name the same head hash before the chain is anchored at it
 * @param conflictTimeout the longest one conflict's inquiry (peer requests and store reads) may
 *     take
 * @param maxStrikes conflicts a peer may lose against an anchor, without naming the anchored head
 *     in between, before it is disconnected
 * @param checkpoints trusted block hashes, anchors for conflicts below them
 * @param poll how new heads are looked for by asking
 */
public record HeadSettings(
        long rollbackWindow,
        int quorum,
        Duration conflictTimeout,
        int maxStrikes,
        Checkpoints checkpoints,
        HeadPollSettings poll) {

    public HeadSettings {
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(poll, "poll");
        if (rollbackWindow < 0 || rollbackWindow > HistoryStore.MAX_ATOMIC_ROLLBACK) {
            throw new IllegalArgumentException(
                    "head.rollback-window must be within 0.."
                            + HistoryStore.MAX_ATOMIC_ROLLBACK
                            + " (one atomic rollback), was "
                            + rollbackWindow);
        }
        if (quorum < 1) {
            throw new IllegalArgumentException("head.quorum must be at least 1");
        }
        if (conflictTimeout.isNegative() || conflictTimeout.isZero()) {
            throw new IllegalArgumentException("head.conflict-timeout must be positive");
        }
        if (maxStrikes < 1) {
            throw new IllegalArgumentException("head.max-strikes must be at least 1");
        }
    }

    /** What the chain guard needs of these. */
    public GuardSettings guard() {
        return new GuardSettings(rollbackWindow, quorum, conflictTimeout, maxStrikes, checkpoints);
    }

    public static HeadSettings fromConfig(Config config) {
        Config head = config.getConfig("annals.sync.head");
        return new HeadSettings(
                head.getLong("rollback-window"),
                head.getInt("quorum"),
                head.getDuration("conflict-timeout"),
                head.getInt("max-strikes"),
                Checkpoints.fromConfig(config),
                HeadPollSettings.fromConfig(config));
    }
}
