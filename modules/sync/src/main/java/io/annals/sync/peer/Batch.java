package io.annals.sync.peer;

import io.annals.store.BlockRange;
import java.util.Optional;

/**
 * One batch a peer actor fetches: its request number, its range and the branch epoch of its
 * assignment (the writer drops its blocks after a later rollback), when it started, the bytes its
 * answers took so far, the header check once the headers came, and the probe to make after it, if
 * one was asked for meanwhile.
 */
record Batch(
        long request,
        BlockRange range,
        long epoch,
        long startedMillis,
        long bytes,
        BatchChecks.HeaderCheck headers,
        Optional<Probe> probeAfter) {

    Batch(long request, BlockRange range, long epoch, long startedMillis) {
        this(request, range, epoch, startedMillis, 0, null, Optional.empty());
    }

    Batch withHeaders(BatchChecks.HeaderCheck check, long headerBytes) {
        return new Batch(
                request, range, epoch, startedMillis, bytes + headerBytes, check, probeAfter);
    }

    Batch withBytes(long more) {
        return new Batch(request, range, epoch, startedMillis, bytes + more, headers, probeAfter);
    }

    /** Probes after the batch; a re-check (which proves the floor too) wins over a head probe. */
    Batch probeAfter(Probe probe) {
        Probe next = probeAfter.filter(pending -> pending.floor() || !probe.floor()).orElse(probe);
        return new Batch(request, range, epoch, startedMillis, bytes, headers, Optional.of(next));
    }
}
