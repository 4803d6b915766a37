package io.annals.sync.peer;

import io.annals.store.BlockRange;

/**
 * One batch a peer actor fetches: its request number, its range and the branch epoch of its
 * assignment (the writer drops its blocks after a later rollback), when it started, the bytes its
 * answers took so far, the header check once the headers came, and whether the head is re-checked
 * after it.
 */
record Batch(
        long request,
        BlockRange range,
        long epoch,
        long startedMillis,
        long bytes,
        BatchChecks.HeaderCheck headers,
        boolean recheck) {

    Batch(long request, BlockRange range, long epoch, long startedMillis) {
        this(request, range, epoch, startedMillis, 0, null, false);
    }

    Batch withHeaders(BatchChecks.HeaderCheck check, long headerBytes) {
        return new Batch(request, range, epoch, startedMillis, bytes + headerBytes, check, recheck);
    }

    Batch withBytes(long more) {
        return new Batch(request, range, epoch, startedMillis, bytes + more, headers, recheck);
    }

    Batch recheckAfter() {
        return new Batch(request, range, epoch, startedMillis, bytes, headers, true);
    }
}
