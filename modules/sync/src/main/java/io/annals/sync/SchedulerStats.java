package io.annals.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of the scheduler for stats, health and progress output.
 *
 * @param queue blocks in the normal queue
 * @param inflight blocks in flight at peers
 * @param escalation blocks in the escalation queue
 * @param awaitingDurability blocks handed to the writer, not yet persisted
 * @param peersActive peers with a batch in flight
 * @param peersParked peers waiting for work to be pushed to them
 * @param blocksPerSec blocks persisted per second over the rate window
 * @param stalledFor how long waiting work has gone without a delivery, when at least the threshold
 * @param lastStall the last stall report, if any
 * @param messagesHandled messages the scheduler has handled, stats requests excluded
 * @param persisted blocks persisted since the scheduler (or its predecessor) started
 * @param lowestWaiting the lowest block waiting for a peer, or -1 when none waits
 */
public record SchedulerStats(
    SyncMode mode,
    long queue,
    int inflight,
    long escalation,
    long awaitingDurability,
    int peersActive,
    int peersParked,
    double blocksPerSec,
    Duration stalledFor,
    Optional<SyncStalled> lastStall,
    long messagesHandled,
    long persisted,
    long lowestWaiting) {}
