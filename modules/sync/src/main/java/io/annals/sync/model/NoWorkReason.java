package io.annals.sync.model;

/** Why a peer got no batch; it is parked until something changes for it. */
public enum NoWorkReason {
    /** Nothing waits (all work is in flight, awaiting durability, or done). */
    NOTHING_WAITING,
    /**
     * Work waits, but only outside the peer's range (above its head, or below the lowest block it
     * serves); re-checked after the stale-head cooldown.
     */
    HEAD_BEHIND,
    /** Every waiting block within the peer's head is cooling down for this peer. */
    COOLING_DOWN,
    /** The peer failed its last batches and backs off. */
    PEER_BACKOFF,
    /**
     * Blocks in flight and awaiting durability reached {@code max-blocks-unpersisted}: the writer
     * must catch up first (backpressure). Woken when it persists blocks.
     */
    WRITER_BEHIND
}
