package io.annals.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The write side of a store: checks requests, builds one {@link WritePlan} per write, commits it
 * and then publishes the new presence. Writes are serialised here; the presence it publishes is an
 * immutable value, so readers take no lock.
 */
final class StoreWriter {
    private final LevelDb db;
    private final SegmentFiles segments;
    private final LogIndex logIndex;
    private final BlockEraser eraser;
    private final boolean syncWrites;
    private final FreeSpaceGuard freeSpace;
    private final Object lock = new Object();
    private volatile PresenceRuns presence;

    StoreWriter(
            LevelDb db,
            SegmentFiles segments,
            LogIndex logIndex,
            boolean syncWrites,
            FreeSpaceGuard freeSpace,
            PresenceRuns presence) {
        this.db = db;
        this.segments = segments;
        this.logIndex = logIndex;
        this.eraser = new BlockEraser(segments, logIndex);
        this.syncWrites = syncWrites;
        this.freeSpace = freeSpace;
        this.presence = presence;
    }

    /** What is present, as of the last committed write. */
    PresenceRuns presence() {
        return presence;
    }

    HistoryStore.WriteResult write(List<? extends StorableBlock> blocks) {
        synchronized (lock) {
            PresenceRuns before = presence;
            checkNumbers(blocks, -1);
            List<StorableBlock> fresh = new ArrayList<>(blocks.size());
            for (StorableBlock block : blocks) {
                if (before.contains(block.number()) && sameAsStored(block)) {
                    continue;
                }
                fresh.add(block);
            }
            if (fresh.isEmpty()) {
                return new HistoryStore.WriteResult(0, blocks.size(), 0);
            }
            freeSpace.check();
            PresenceRuns after = before.plus(numbers(fresh));
            try (LevelDb.ReadView view = db.view()) {
                return commit(
                        view,
                        before,
                        after,
                        plan -> {
                            fresh.forEach(block -> plan.addBlock(block.encoded()));
                            return new HistoryStore.WriteResult(
                                    fresh.size(), blocks.size() - fresh.size(), plan.blockBytes());
                        });
            }
        }
    }

    HistoryStore.WriteResult replaceAbove(long number, List<? extends StorableBlock> blocks) {
        synchronized (lock) {
            checkNumbers(blocks, number);
            PresenceRuns before = presence;
            long dropped = before.countAbove(number);
            if (dropped > HistoryStore.MAX_ATOMIC_ROLLBACK) {
                throw new IllegalArgumentException(
                        "replacing the blocks above "
                                + number
                                + " would drop "
                                + dropped
                                + " blocks, more than one atomic batch holds ("
                                + HistoryStore.MAX_ATOMIC_ROLLBACK
                                + "); roll back first");
            }
            if (!blocks.isEmpty()) {
                freeSpace.check();
            }
            PresenceRuns after = before.withoutAbove(number).plus(numbers(blocks));
            try (LevelDb.ReadView view = db.view()) {
                return commit(
                        view,
                        before,
                        after,
                        plan -> {
                            eraser.eraseAbove(view, plan, before, number);
                            blocks.forEach(block -> plan.addBlock(block.encoded()));
                            return new HistoryStore.WriteResult(
                                    blocks.size(), 0, plan.blockBytes());
                        });
            }
        }
    }

    void removeRange(long first, long last) {
        synchronized (lock) {
            PresenceRuns before = presence;
            long dropped = before.countIn(first, last);
            if (dropped > HistoryStore.MAX_ATOMIC_ROLLBACK) {
                throw new IllegalArgumentException(
                        "removing blocks "
                                + first
                                + ".."
                                + last
                                + " would drop "
                                + dropped
                                + " blocks, more than one atomic batch holds ("
                                + HistoryStore.MAX_ATOMIC_ROLLBACK
                                + ")");
            }
            if (dropped == 0) {
                return;
            }
            PresenceRuns after = before.without(first, last);
            try (LevelDb.ReadView view = db.view()) {
                commit(
                        view,
                        before,
                        after,
                        plan -> {
                            eraser.eraseRange(view, plan, before, first, last);
                            return new HistoryStore.WriteResult(0, 0, 0);
                        });
            }
        }
    }

    void rollbackAbove(long number) {
        synchronized (lock) {
            while (presence.countAbove(number) > HistoryStore.MAX_ATOMIC_ROLLBACK) {
                replaceAbove(presence.belowHighest(HistoryStore.MAX_ATOMIC_ROLLBACK), List.of());
            }
            replaceAbove(number, List.of());
        }
    }

    void putCheckpoint(long number, io.annals.core.types.Hash hash) {
        synchronized (lock) {
            try (Batch batch = db.newBatch()) {
                db.write(batch.put(Keys.checkpoint(number), hash.toArray()));
            }
        }
    }

    /** Runs {@code close} once no write is in progress. */
    void closeWith(Runnable close) {
        synchronized (lock) {
            close.run();
        }
    }

    private HistoryStore.WriteResult commit(
            LevelDb.ReadView view,
            PresenceRuns before,
            PresenceRuns after,
            Function<WritePlan, HistoryStore.WriteResult> build) {
        try (WritePlan plan = new WritePlan(db, segments, logIndex, view, before)) {
            HistoryStore.WriteResult result;
            try {
                result = build.apply(plan);
                plan.finish(before.changeTo(after));
            } catch (RuntimeException e) {
                plan.abandon(e);
                throw e;
            }
            plan.commit(syncWrites);
            presence = after;
            return result;
        }
    }

    private static void checkNumbers(List<? extends StorableBlock> blocks, long above) {
        Set<Long> seen = new HashSet<>();
        for (StorableBlock block : blocks) {
            long n = block.number();
            if (n < 0 || n > HistoryStore.MAX_BLOCK_NUMBER) {
                throw new IllegalArgumentException(
                        "block number " + Long.toUnsignedString(n) + " is out of range");
            }
            if (n <= above) {
                throw new IllegalArgumentException("block " + n + " is not above " + above);
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("block " + n + " appears twice in one write");
            }
        }
    }

    /**
     * True when the stored block at this number has the same header; throws when it has another.
     */
    private boolean sameAsStored(StorableBlock block) {
        byte[] stored = db.get(Keys.header(block.number()));
        if (stored != null && Arrays.equals(stored, block.header().unsafeEncoding())) {
            return true;
        }
        throw new IllegalArgumentException(
                "block "
                        + block.number()
                        + " is already stored with another hash;"
                        + " replace the chain above "
                        + (block.number() - 1)
                        + " to reorg");
    }

    private static long[] numbers(List<? extends StorableBlock> blocks) {
        return blocks.stream().mapToLong(StorableBlock::number).toArray();
    }
}
