package io.annals.cluster.handover;

import io.annals.cluster.directory.HeldRun;
import io.annals.sync.link.PeerLink;
import java.util.HashMap;
import java.util.Map;

/**
 * The other hosts this one takes ranges over from, and the run it wants from each: when a range
 * arrives here that a live host still holds, this host dials that host over devp2p and uses it as a
 * peer for exactly that run ({@link HandoverLink}): every host serves its store, and the previous
 * owner has the blocks. The p2p layer passes each new session's link through {@link #wrap}; the
 * keeper registers and forgets windows. Written by the keeper alone, read on p2p threads: the map
 * is replaced whole.
 */
public final class Handovers {
    private volatile Map<String, HeldRun> windows = Map.of();

    /** The link as the engine should see it: windowed for a host we take a run over from. */
    public PeerLink wrap(PeerLink link) {
        HeldRun window = windows.get(link.id());
        return window == null ? link : new HandoverLink(link, window);
    }

    /** From now on, a session with the host of {@code peerId} serves {@code window} only. */
    public void prefer(String peerId, HeldRun window) {
        Map<String, HeldRun> next = new HashMap<>(windows);
        next.put(peerId, window);
        windows = Map.copyOf(next);
    }

    public void forget(String peerId) {
        if (windows.containsKey(peerId)) {
            Map<String, HeldRun> next = new HashMap<>(windows);
            next.remove(peerId);
            windows = Map.copyOf(next);
        }
    }

    /** The windows now (for the status and tests). */
    public Map<String, HeldRun> windows() {
        return windows;
    }
}
