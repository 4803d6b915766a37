package io.annals.sync.head;

import io.annals.sync.model.SyncMode;

/**
 * The head tracker's figures.
 *
 * @param mode the mode the tracker plans for
 * @param networkHead the highest network head seen (proven by a peer or agreed by a quorum), -1
 *     while unknown
 * @param provenHead the highest head a peer proved by serving its header, -1 when none did
 * @param peers peers with a claim
 * @param targetThrough the highest block handed to the scheduler
 * @param contiguousHead the store's contiguous head as the writer last reported it, -1 when none
 * @param lag blocks between the network head and the contiguous head (0 while either is unknown)
 * @param discovery how the network head was learned, and the head polls
 */
public record HeadStats(
        SyncMode mode,
        long networkHead,
        long provenHead,
        int peers,
        long targetThrough,
        long contiguousHead,
        long lag,
        Discovery discovery) {

    /**
     * How the network head moved, by what raised it, and what head discovery asked.
     *
     * @param byPoll rises of the network head a poll proved
     * @param byAnnouncement rises an announcement gave (claims agreed by a quorum, or proved by the
     *     probe that followed)
     * @param byProbe rises a probe proved when a session started or a head was re-checked
     * @param polls polls sent to the scheduler
     * @param pollsPerMinute polls over the last minute
     * @param tipLagMillis the time from learning the last stored new head to storing it, -1 when
     *     none was measured
     * @param maxTipLagMillis the largest such time, -1 when none
     */
    public record Discovery(
            long byPoll,
            long byAnnouncement,
            long byProbe,
            long polls,
            double pollsPerMinute,
            long tipLagMillis,
            long maxTipLagMillis) {}
}
