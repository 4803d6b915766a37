package io.annals.sync;

/** Why a peer got no batch; it is parked until something changes for it. */
public enum NoWorkReason {
  /** Nothing waits (all work is in flight, awaiting durability, or done). */
  NOTHING_WAITING,
  /** Work waits, but only above the peer's head (a stale head); re-checked after the cooldown. */
  HEAD_BEHIND,
  /** Every waiting block within the peer's head is cooling down for this peer. */
  COOLING_DOWN,
  /** The peer failed its last batches and backs off. */
  PEER_BACKOFF
}
