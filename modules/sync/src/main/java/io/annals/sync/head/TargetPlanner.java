package io.annals.sync.head;

import io.annals.store.BlockRange;
import io.annals.sync.ledger.RunSet;
import io.annals.sync.model.SyncMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which blocks the scheduler must fetch as the network head moves. In historical mode the
 * target is the start block up to head minus the rollback window; in follow mode it is up to the
 * head. Ranges are only ever added, each once, minus the blocks the store held when the engine
 * started (so a restart resumes where the last run stopped; blocks stored since were written by
 * this engine, within ranges it added). Historical mode is done when the store's contiguous head
 * reaches the target.
 */
final class TargetPlanner {

    private final long startBlock;
    private final long rollbackWindow;
    private final RunSet presentAtStart = new RunSet();
    private SyncMode mode;
    private long addedThrough;
    private boolean targetSet;

    TargetPlanner(long startBlock, long rollbackWindow, SyncMode mode, List<BlockRange> present) {
        this.startBlock = startBlock;
        this.rollbackWindow = rollbackWindow;
        this.mode = mode;
        this.addedThrough = startBlock - 1;
        present.forEach(run -> presentAtStart.addRange(run.first(), run.last()));
    }

    SyncMode mode() {
        return mode;
    }

    void switchedTo(SyncMode newMode) {
        mode = newMode;
    }

    /** The highest block handed to the scheduler so far (start - 1 before any). */
    long addedThrough() {
        return addedThrough;
    }

    /**
     * The runs to add for network head {@code head}: what the target grew by, minus stored blocks.
     */
    List<io.annals.store.BlockRange> extendTo(long head) {
        if (head < 0) {
            return List.of();
        }
        targetSet = true;
        long last = mode == SyncMode.HISTORICAL ? head - rollbackWindow : head;
        if (last <= addedThrough) {
            return List.of();
        }
        long first = Math.max(startBlock, addedThrough + 1);
        addedThrough = last;
        if (first > last) {
            return List.of();
        }
        RunSet missing = new RunSet();
        missing.addRange(first, last);
        for (io.annals.store.BlockRange present : presentAtStart.runsWithin(first, last)) {
            missing.removeRange(present.first(), present.last());
        }
        List<io.annals.store.BlockRange> runs = new ArrayList<>(missing.runs());
        return runs;
    }

    /**
     * Whether historical sync is done: a head is known and the store holds every block of the
     * target (an empty target, a chain shorter than the window, is done at once).
     */
    boolean historicalTargetReached(long contiguousHead) {
        return mode == SyncMode.HISTORICAL && targetSet && contiguousHead >= addedThrough;
    }
}
