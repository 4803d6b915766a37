package io.annals.sync.write;

import io.annals.core.types.Hash;
import java.util.List;

/**
 * Told after the sync engine dropped blocks from the store: a reorg at the tip (everything above
 * {@code ancestor} was rolled back and the new branch is being fetched) or a segment that lost a
 * conflict (only the blocks listed). Register with the supervisor ({@code
 * SyncSupervisor.SubscribeRollbacks}); the node connects it to the RPC layer, whose filters then
 * report the dropped blocks' logs as removed (for the RPC's {@code ReorgListener}: {@code
 * (ancestor, dropped) -> history.reorgListener().chainRolledBack(ancestor)}).
 *
 * <p>Called on the writer's store thread, right after the rollback's batch committed and before the
 * next write, so the store holds neither the dropped blocks nor yet any block of the new branch
 * above {@code ancestor}. It must return quickly (a short store read is fine) and never wait for
 * the engine; an exception is logged and ignored.
 */
@FunctionalInterface
public interface RollbackListener {

    /**
     * @param ancestor the highest block below the dropped ones that stays: the common ancestor of a
     *     reorg
     * @param droppedBlockHashes the hashes of the dropped blocks, in ascending block order
     */
    void rolledBack(long ancestor, List<Hash> droppedBlockHashes);
}
