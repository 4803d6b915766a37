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
 */
public record HeadStats(
        SyncMode mode,
        long networkHead,
        long provenHead,
        int peers,
        long targetThrough,
        long contiguousHead,
        long lag) {}
