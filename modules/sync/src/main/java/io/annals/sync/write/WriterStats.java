package io.annals.sync.write;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The writer's figures for stats and health.
 *
 * @param received blocks handed to the writer by peer actors
 * @param persisted blocks acknowledged durable to the scheduler (a block stored already counts: it
 *     is)
 * @param written blocks the store actually wrote (the rest of {@code persisted} were stored before)
 * @param writes batches applied to the store (one atomic write each, plus any rollback among them)
 * @param bytes block bytes written
 * @param queued blocks received and not yet written, refused or dropped (in the queue or being
 *     written)
 * @param refused blocks refused because they contradict the stored chain or a trusted hash (never
 *     written)
 * @param dropped blocks refused because the queue was full (handed back to the scheduler)
 * @param stale blocks dropped because they were fetched before a rollback (another branch's,
 *     perhaps)
 * @param rollbacks rollbacks done
 * @param rolledBackBlocks stored blocks those rollbacks dropped
 * @param epoch the branch epoch: the number of rollbacks since the engine started
 * @param contiguousHead the store's contiguous head after the last write
 * @param failure the error that stopped the writer, if one did
 */
public record WriterStats(
        long received,
        long persisted,
        long written,
        long writes,
        long bytes,
        long queued,
        long refused,
        long dropped,
        long stale,
        long rollbacks,
        long rolledBackBlocks,
        long epoch,
        OptionalLong contiguousHead,
        Optional<String> failure) {}
