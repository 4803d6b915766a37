package io.annals.cluster.handover;

import io.annals.cluster.directory.HeldRun;
import io.annals.sync.link.PeerLink;
import io.annals.sync.link.RangeHint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The other hosts this one takes ranges over from, and the run it wants from each now: when a range
 * arrives here that a live host still holds, this host dials that host over devp2p and uses it as a
 * peer for exactly that run ({@link HandoverLink}): every host serves its store, and the previous
 * owner has the blocks. The p2p layer passes each new session's link through {@link #wrap}; the
 * keeper sets windows. A window set while the session is up reaches its link as a new hint. Written
 * by the keeper alone, read on p2p and eth threads: the map is replaced whole, and hint listeners
 * sit in a concurrent list.
 */
public final class Handovers {
    private volatile Map<String, HeldRun> windows = Map.of();
    private final Map<String, List<Consumer<RangeHint>>> listeners =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The link as the engine should see it: windowed for a host we take runs over from. */
    public PeerLink wrap(PeerLink link) {
        return windows.containsKey(link.id()) ? new HandoverLink(link, this) : link;
    }

    /** From now on, the session with the host of {@code peerId} serves {@code window} only. */
    public void prefer(String peerId, HeldRun window) {
        Map<String, HeldRun> next = new HashMap<>(windows);
        next.put(peerId, window);
        windows = Map.copyOf(next);
        RangeHint hint = HandoverLink.hintOf(window);
        listeners.getOrDefault(peerId, List.of()).forEach(listener -> listener.accept(hint));
    }

    /** The window of {@code peerId} now. */
    Optional<HeldRun> window(String peerId) {
        return Optional.ofNullable(windows.get(peerId));
    }

    void onWindowChanged(String peerId, Consumer<RangeHint> listener) {
        listeners.computeIfAbsent(peerId, id -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** The windows now (for the status and tests). */
    public Map<String, HeldRun> windows() {
        return windows;
    }
}
