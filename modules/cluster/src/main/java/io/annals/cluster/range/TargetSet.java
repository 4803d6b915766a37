package io.annals.cluster.range;

import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.ledger.RunSet;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The blocks one host must sync, and what to tell its scheduler when that changes: for every range
 * it owns, the range's sealed part (up to the tip's sealed block: deep enough that no reorg the
 * engine follows reaches it); and, while it runs the tip, its window: the blocks above the sealed
 * one (and above its floor) up to the network head. Changes come out as the runs to add (minus what
 * the store holds) and to withdraw (what was added and is no longer wanted: a range handed off, the
 * tip moved away). Plain: the {@link RangeKeeper} holds one and applies its answers.
 */
public final class TargetSet {

    /** What to tell the scheduler. */
    public record Changes(List<BlockRange> add, List<BlockRange> withdraw) {
        public boolean isEmpty() {
            return add.isEmpty() && withdraw.isEmpty();
        }
    }

    private final RangeMap ranges;
    private final SortedSet<Long> owned = new TreeSet<>();
    private final RunSet sent = new RunSet();
    private long sealedThrough;
    private OptionalLong tipFloor = OptionalLong.empty();
    private long head = -1;

    public TargetSet(RangeMap ranges) {
        this.ranges = ranges;
        this.sealedThrough = ranges.startBlock() - 1;
    }

    public void own(long range) {
        owned.add(range);
    }

    public void disown(long range) {
        owned.remove(range);
    }

    public SortedSet<Long> owned() {
        return java.util.Collections.unmodifiableSortedSet(owned);
    }

    /**
     * The sealed block only ever rises (a tip that starts elsewhere publishes at least as much).
     */
    public void sealedThrough(long block) {
        sealedThrough = Math.max(sealedThrough, block);
    }

    public long sealedThrough() {
        return sealedThrough;
    }

    public void head(long networkHead) {
        head = Math.max(head, networkHead);
    }

    /** The highest network head heard of (-1 before any). */
    public long headSeen() {
        return head;
    }

    public void becomeTip(long floor) {
        tipFloor = OptionalLong.of(Math.max(floor, ranges.startBlock()));
    }

    public void stopTip() {
        tipFloor = OptionalLong.empty();
    }

    public OptionalLong tipFloor() {
        return tipFloor;
    }

    /**
     * The blocks this host must hold, as runs in order; the tip window's run ends at the highest
     * block number a store takes (everything above the floor, as far as the chain goes).
     */
    public List<BlockRange> required() {
        return desired(HistoryStore.MAX_BLOCK_NUMBER).runs();
    }

    /**
     * What changed since the last call: runs to add ({@code missing} lists the runs of a span that
     * the store does not hold) and runs to withdraw.
     */
    public Changes changes(Missing missing) {
        RunSet wanted = desired(head);
        List<BlockRange> withdraw = new ArrayList<>();
        for (BlockRange run : sent.runs()) {
            RunSet leftover = new RunSet();
            leftover.addRange(run.first(), run.last());
            for (BlockRange keep : wanted.runsWithin(run.first(), run.last())) {
                leftover.removeRange(keep.first(), keep.last());
            }
            withdraw.addAll(leftover.runs());
        }
        List<BlockRange> add = new ArrayList<>();
        for (BlockRange run : wanted.runs()) {
            RunSet fresh = new RunSet();
            fresh.addRange(run.first(), run.last());
            for (BlockRange known : sent.runsWithin(run.first(), run.last())) {
                fresh.removeRange(known.first(), known.last());
            }
            for (BlockRange span : fresh.runs()) {
                add.addAll(missing.in(span.first(), span.last()));
            }
        }
        withdraw.forEach(run -> sent.removeRange(run.first(), run.last()));
        wanted.runs().forEach(run -> sent.addRange(run.first(), run.last()));
        return new Changes(add, withdraw);
    }

    /** The store's answer to "which blocks of first..last are missing". */
    @FunctionalInterface
    public interface Missing {
        List<BlockRange> in(long first, long last);
    }

    private RunSet desired(long top) {
        RunSet wanted = new RunSet();
        for (long range : owned) {
            BlockRange bounds = ranges.bounds(range);
            long last = Math.min(bounds.last(), sealedThrough);
            if (last >= bounds.first()) {
                wanted.addRange(bounds.first(), last);
            }
        }
        if (tipFloor.isPresent()) {
            // the window: the blocks above the sealed ones (the sealed ones are their owners')
            long first = Math.max(tipFloor.getAsLong(), sealedThrough + 1);
            if (top >= first) {
                wanted.addRange(first, top);
            }
        }
        return wanted;
    }
}
