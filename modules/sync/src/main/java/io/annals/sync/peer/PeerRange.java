package io.annals.sync.peer;

import io.annals.sync.link.RangeHint;

/**
 * What the engine believes a peer serves: its head (the highest announced or proven) and its floor
 * (the lowest block it serves in full, as announced, unless a probe found that it serves below it),
 * and whether the scheduler knows the peer yet. Owned by the peer actor.
 */
final class PeerRange {

    private long head = -1;
    private long floor;
    private boolean floorOverruled;
    private boolean registered;

    PeerRange(RangeHint hint) {
        this.floor = hint.earliest();
        hint.latest().ifPresent(latest -> head = latest);
    }

    long head() {
        return head;
    }

    long floor() {
        return floor;
    }

    /** The floor to check the peer below, or 0 once a probe found it serves everything. */
    long floorToProbe() {
        return floorOverruled ? 0 : floor;
    }

    /** Raises the head to {@code number} when higher; returns whether it rose. */
    boolean raiseHead(long number) {
        if (number <= head) {
            return false;
        }
        head = number;
        return true;
    }

    /** A new announcement: its floor counts unless a probe overruled the announced one. */
    void announced(RangeHint hint) {
        if (!floorOverruled) {
            floor = hint.earliest();
        }
    }

    /** The peer serves blocks below the floor it announces: ask it for all history. */
    void overruleFloor() {
        floorOverruled = true;
        floor = 0;
    }

    void registered() {
        registered = true;
    }

    boolean isRegistered() {
        return registered;
    }
}
