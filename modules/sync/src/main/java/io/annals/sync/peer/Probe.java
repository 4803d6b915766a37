package io.annals.sync.peer;

import io.annals.sync.head.HeadSource;

/**
 * Why a peer actor probes its peer, and whether the probe also checks that the peer serves the
 * block below the earliest one it announces.
 */
record Probe(HeadSource reason, boolean floor) {

    /** When the session starts. */
    static final Probe START = new Probe(HeadSource.PROBED, false);

    /** The scheduler found the peer's head stale: prove the head and the floor. */
    static final Probe RECHECK = new Probe(HeadSource.PROBED, true);

    /** Head discovery at the tip: is there a block above the head? */
    static final Probe POLL = new Probe(HeadSource.POLLED, false);

    /** The peer announced a higher head: prove it. */
    static final Probe ANNOUNCEMENT = new Probe(HeadSource.ANNOUNCEMENT_PROBED, false);
}
