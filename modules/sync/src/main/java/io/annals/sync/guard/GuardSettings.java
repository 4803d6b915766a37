package io.annals.sync.guard;

import io.annals.sync.chain.Checkpoints;
import java.time.Duration;
import java.util.Objects;

/**
 * The chain guard's settings, from {@code annals.sync.head} (and the trusted {@code
 * annals.sync.checkpoints}).
 *
 * @param rollbackWindow the deepest reorg of confirmed blocks that is followed; a deeper one stops
 *     sync
 * @param conflictTimeout the longest one conflict's inquiry (peer requests and store reads) may
 *     take
 * @param quorum peers a branch needs on its side before stored blocks are dropped for it
 * @param maxStrikes conflicts a peer may lose against an anchor, without naming the anchored head
 *     in between, before it is disconnected
 * @param checkpoints trusted block hashes, anchors for conflicts below them
 */
public record GuardSettings(
        long rollbackWindow,
        int quorum,
        Duration conflictTimeout,
        int maxStrikes,
        Checkpoints checkpoints) {

    public GuardSettings {
        Objects.requireNonNull(conflictTimeout, "conflictTimeout");
        Objects.requireNonNull(checkpoints, "checkpoints");
    }

    /** Each peer request of an inquiry gets a quarter of its time. */
    Duration requestTimeout() {
        return conflictTimeout.dividedBy(4);
    }
}
