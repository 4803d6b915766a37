package io.annals.sync.write;

import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.store.StorableBlock;
import io.annals.sync.chain.Checkpoints;
import io.annals.sync.chain.RollbackPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store side of the writer: applies the writer's stream, one group of operations at a time and
 * in order, on the writer's dispatcher. Blocks are checked ({@link ParentLinks}) and written;
 * rollbacks drop what their plan says, in one atomic batch, between the blocks that reached the
 * writer before them and those after.
 *
 * <p>Its state lives here, not in the actor: the branch epoch (a rollback raises it; a block whose
 * assignment is from an older epoch was fetched before the rollback and is dropped unseen), the
 * branch the chain follows after a rollback (the winner's block hashes above the ancestor, refused
 * otherwise until stored), the hashes the last rollback dropped (refused without raising another
 * conflict) and the checkpoints. The stream runs one group only after the previous one completed,
 * which orders every access; nothing else touches it.
 */
final class WriteLane {

    private static final Logger LOG = LoggerFactory.getLogger(WriteLane.class);

    sealed interface Step {}

    /** Blocks checked and written; {@code stale} were dropped as fetched before a rollback. */
    record Wrote(
            int blocks,
            List<Long> persisted,
            int written,
            long bytes,
            List<ParentLinks.Refusal> refused,
            int stale)
            implements Step {}

    /**
     * A rollback done: the stored blocks of {@code first..last} dropped ({@code dropped},
     * ascending).
     */
    record RolledBack(RollbackPlan plan, long epoch, long first, long last, List<Hash> dropped)
            implements Step {}

    /**
     * Sync stopped: the stored blocks of {@code first..last} above the contiguous head were dropped
     * ({@code count}).
     */
    record Trimmed(long first, long last, long count, String cause) implements Step {}

    /** A rollback not done, and why (it would now drop more than its plan allows). */
    record RollbackRefused(RollbackPlan plan, String reason) implements Step {}

    /** Everything before this point of the stream has been applied. */
    record DrainPoint(ActorRef<Writer.Drained> replyTo) implements Step {}

    /** A group's steps in order, and the store's contiguous head (and its hash) after them. */
    record Outcome(List<Step> steps, OptionalLong contiguousHead, Optional<Hash> headHash) {}

    private final SyncStore store;
    private final Checkpoints configured;
    private Checkpoints checkpoints;
    private final NavigableMap<Long, Hash> branch = new TreeMap<>();
    private Set<Hash> lastDropped = Set.of();
    private long epoch;

    WriteLane(SyncStore store, Checkpoints configured) {
        this.store = store;
        this.configured = configured;
    }

    Outcome apply(List<WriteOp> group) {
        if (checkpoints == null) {
            checkpoints = configured.with(store.checkpoints());
        }
        List<Step> steps = new ArrayList<>();
        List<PendingBlock> blocks = new ArrayList<>();
        for (WriteOp op : group) {
            if (op instanceof PendingBlock block) {
                blocks.add(block);
                continue;
            }
            write(blocks, steps);
            blocks = new ArrayList<>();
            if (op instanceof WriteOp.Rollback rollback) {
                steps.add(rollback(rollback));
            } else if (op instanceof WriteOp.Trim trim) {
                trim(trim).ifPresent(steps::add);
            } else if (op instanceof WriteOp.Drain drain) {
                steps.add(new DrainPoint(drain.replyTo()));
            } else {
                branch.clear(); // DropBranch: the agreed head moved off the followed branch
            }
        }
        write(blocks, steps);
        OptionalLong head = store.contiguousHead();
        return new Outcome(
                steps,
                head,
                head.isPresent() ? store.canonicalHash(head.getAsLong()) : Optional.empty());
    }

    private void write(List<PendingBlock> blocks, List<Step> steps) {
        if (blocks.isEmpty()) {
            return;
        }
        List<PendingBlock> current =
                blocks.stream().filter(block -> block.epoch() >= epoch).toList();
        ParentLinks.Verdict verdict = ParentLinks.check(current, store, this::trusted);
        List<StorableBlock> accepted =
                verdict.accepted().stream().map(PendingBlock::block).toList();
        HistoryStore.WriteResult result =
                accepted.isEmpty() ? new HistoryStore.WriteResult(0, 0, 0) : store.write(accepted);
        accepted.forEach(block -> branch.remove(block.number()));
        List<ParentLinks.Refusal> refused =
                verdict.refused().stream().map(this::withoutKnownLoser).toList();
        steps.add(
                new Wrote(
                        blocks.size(),
                        accepted.stream().map(StorableBlock::number).toList(),
                        result.blocksWritten(),
                        result.bytes(),
                        refused,
                        blocks.size() - current.size()));
    }

    /** A block of the branch the last rollback dropped raises no new conflict: it lost already. */
    private ParentLinks.Refusal withoutKnownLoser(ParentLinks.Refusal refusal) {
        boolean known =
                lastDropped.contains(refusal.block().block().hash())
                        || lastDropped.contains(refusal.block().block().header().parentHash());
        return known && refusal.conflict().isPresent()
                ? new ParentLinks.Refusal(
                        refusal.block(),
                        refusal.reason() + " (a branch rolled back before)",
                        Optional.empty())
                : refusal;
    }

    private Optional<Hash> trusted(long number) {
        Hash followed = branch.get(number);
        return followed != null ? Optional.of(followed) : checkpoints.at(number);
    }

    private Step rollback(WriteOp.Rollback request) {
        RollbackPlan plan = request.plan();
        List<BlockRange> runs = store.presentRanges();
        long first = plan.ancestor() + 1;
        long last =
                plan.everythingAbove()
                        ? runs.isEmpty()
                                ? plan.top()
                                : Math.max(plan.top(), runs.get(runs.size() - 1).last())
                        : topOfRun(runs, plan.top());
        long present = 0;
        for (BlockRange run : runs) {
            present += Math.max(0, Math.min(run.last(), last) - Math.max(run.first(), first) + 1);
        }
        if (last - plan.ancestor() > plan.maxDrop() || present > HistoryStore.MAX_ATOMIC_ROLLBACK) {
            return new RollbackRefused(
                    plan,
                    "dropping blocks "
                            + first
                            + ".."
                            + last
                            + " ("
                            + present
                            + " stored) above the common ancestor "
                            + plan.ancestor()
                            + " would undo more than "
                            + Math.min(plan.maxDrop(), HistoryStore.MAX_ATOMIC_ROLLBACK)
                            + " blocks");
        }
        List<Hash> dropped = new ArrayList<>();
        for (long n = first; n <= last; n++) {
            store.canonicalHash(n).ifPresent(dropped::add);
        }
        if (plan.everythingAbove()) {
            store.rollbackAbove(plan.ancestor());
        } else if (!dropped.isEmpty()) {
            store.removeRange(first, last);
        }
        epoch++;
        branch.tailMap(plan.ancestor(), false).clear();
        branch.putAll(plan.branch());
        lastDropped = new HashSet<>(dropped);
        for (RollbackListener listener : request.listeners()) {
            try {
                listener.rolledBack(plan.ancestor(), dropped);
            } catch (RuntimeException e) {
                LOG.error(
                        "a rollback listener failed after blocks {}..{} were dropped",
                        first,
                        last,
                        e);
            }
        }
        return new RolledBack(plan, epoch, first, last, dropped);
    }

    /**
     * Drops the stored runs above the contiguous head in one atomic batch, when there are any and
     * they fit in one: blocks that do not link to the stored chain yet, perhaps of a branch that is
     * not followed. Sync stops after this, and a restart fetches them again.
     */
    private Optional<Step> trim(WriteOp.Trim trim) {
        OptionalLong head = store.contiguousHead();
        List<BlockRange> runs = store.presentRanges();
        long first = head.isPresent() ? head.getAsLong() + 1 : store.startBlock();
        long count = 0;
        for (BlockRange run : runs) {
            count += Math.max(0, run.last() - Math.max(run.first(), first) + 1);
        }
        if (count == 0) {
            return Optional.empty();
        }
        long last = runs.get(runs.size() - 1).last();
        if (count > HistoryStore.MAX_ATOMIC_ROLLBACK) {
            LOG.warn(
                    "sync stops with {} stored blocks above the contiguous head, too many to drop at once; kept",
                    count);
            return Optional.empty();
        }
        store.removeRange(first, last);
        return Optional.of(new Trimmed(first, last, count, trim.cause()));
    }

    /**
     * The last block of the stored run holding {@code number}; {@code number} itself when not
     * stored.
     */
    private static long topOfRun(List<BlockRange> runs, long number) {
        for (BlockRange run : runs) {
            if (run.first() <= number && number <= run.last()) {
                return run.last();
            }
        }
        return number;
    }
}
