package io.annals.sync.write;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The writer's figures for stats and health.
 *
 * @param received blocks handed to the writer by peer actors
 * @param persisted blocks acknowledged durable to the scheduler (a block stored already counts: it is)
 * @param written blocks the store actually wrote (the rest of {@code persisted} were stored before)
 * @param writes store writes (one atomic batch each)
 * @param bytes block bytes written
 * @param queued blocks received and not yet written, refused or dropped (in the queue or being written)
 * @param refused blocks refused because they contradict the stored chain (never written)
 * @param dropped blocks refused because the queue was full (handed back to the scheduler)
 * @param contiguousHead the store's contiguous head after the last write
 * @param failure the error that stopped the writer, if one did
 */
public record WriterStats(long received, long persisted, long written, long writes, long bytes, long queued,
    long refused, long dropped, OptionalLong contiguousHead, Optional<String> failure) {}
