package io.annals.rpc.eth.subscriptions;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.HistoryReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Follows the store's contiguous head for the subscriptions: each {@link #advance} reports the
 * blocks a reorg dropped since the last call (oldest first) and then the new canonical blocks in
 * order, each linking to the one before. It keeps the hashes of the newest {@code window} blocks it
 * reported and notices a reorg by a changed hash, so it needs no word from the writer (a rollback
 * notice only makes the next check come sooner). A jump of more than {@code maxCatchUp} blocks
 * (initial sync) skips to the newest ones. Used by one thread at a time.
 */
final class ChainFollower {
    private record Seen(long number, Hash hash) {}

    /** What changed: dropped blocks (oldest first, with the hash each had), then new headers. */
    record Changes(List<Dropped> dropped, List<BlockHeader> added) {
        boolean isEmpty() {
            return dropped.isEmpty() && added.isEmpty();
        }
    }

    record Dropped(long number, Hash hash) {}

    private final HistoryReader store;
    private final int window;
    private final int maxCatchUp;
    private final Deque<Seen> recent = new ArrayDeque<>();
    private long last;
    private Hash lastHash;

    /** Starts at the current head: blocks stored before now are never reported. */
    ChainFollower(HistoryReader store, int window, int maxCatchUp) {
        this.store = store;
        this.window = window;
        this.maxCatchUp = maxCatchUp;
        OptionalLong head = store.contiguousHead();
        this.last = head.isPresent() ? head.getAsLong() : store.startBlock() - 1;
        this.lastHash = last < 0 ? null : store.canonicalHash(last).orElse(null);
        if (lastHash != null) {
            recent.add(new Seen(last, lastHash));
        }
    }

    Changes advance() {
        List<Dropped> dropped = new ArrayList<>();
        while (!recent.isEmpty() && !stillStored(recent.peekLast())) {
            Seen gone = recent.pollLast();
            dropped.add(0, new Dropped(gone.number(), gone.hash()));
        }
        if (!dropped.isEmpty()) {
            Seen survivor = recent.peekLast();
            last = survivor != null ? survivor.number() : dropped.get(0).number() - 1;
            lastHash = survivor != null ? survivor.hash() : null;
        }
        List<BlockHeader> added = new ArrayList<>();
        OptionalLong head = store.contiguousHead();
        if (head.isPresent() && head.getAsLong() > last) {
            long from = last + 1;
            if (head.getAsLong() - last > maxCatchUp) {
                from = head.getAsLong() - maxCatchUp + 1;
                lastHash = null; // the skipped blocks break the chain of links
            }
            for (long n = from; n <= head.getAsLong(); n++) {
                Optional<BlockHeader> header = store.header(n);
                if (header.isEmpty()
                        || (lastHash != null && !header.get().parentHash().equals(lastHash))) {
                    break; // a reorg under the walk: the next check sorts it out
                }
                added.add(header.get());
                last = n;
                lastHash = header.get().hash();
                recent.addLast(new Seen(n, lastHash));
                if (recent.size() > window) {
                    recent.pollFirst();
                }
            }
        }
        return new Changes(dropped, added);
    }

    private boolean stillStored(Seen seen) {
        return store.canonicalHash(seen.number()).map(seen.hash()::equals).orElse(false);
    }
}
