package io.annals.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Which blocks are present, as maximal runs of consecutive numbers. Immutable: a write derives a
 * new value and the store publishes it once the batch that persists the same runs has committed, so
 * readers see presence through one volatile read and no lock.
 *
 * <p>The runs are persisted as {@code p first -> last} entries in the same batch as the blocks; the
 * {@link Change} between two values is what that batch deletes and puts. Start-up loads them in one
 * short scan instead of walking millions of headers.
 */
final class PresenceRuns {
    static final PresenceRuns EMPTY = new PresenceRuns(new TreeMap<>());

    /** first -> last of each run. */
    private final NavigableMap<Long, Long> runs;

    private PresenceRuns(NavigableMap<Long, Long> runs) {
        this.runs = Collections.unmodifiableNavigableMap(runs);
    }

    static PresenceRuns of(Map<Long, Long> runs) {
        return new PresenceRuns(new TreeMap<>(runs));
    }

    boolean contains(long number) {
        Map.Entry<Long, Long> run = runs.floorEntry(number);
        return run != null && run.getValue() >= number;
    }

    /**
     * The highest H such that every block from {@code start} to H is present; empty when {@code
     * start} is absent.
     */
    OptionalLong contiguousHead(long start) {
        Map.Entry<Long, Long> run = runs.floorEntry(start);
        return run != null && run.getValue() >= start
                ? OptionalLong.of(run.getValue())
                : OptionalLong.empty();
    }

    OptionalLong lowest() {
        return runs.isEmpty() ? OptionalLong.empty() : OptionalLong.of(runs.firstKey());
    }

    OptionalLong highest() {
        return runs.isEmpty() ? OptionalLong.empty() : OptionalLong.of(runs.lastEntry().getValue());
    }

    List<BlockRange> ranges() {
        List<BlockRange> out = new ArrayList<>(runs.size());
        runs.forEach((first, last) -> out.add(new BlockRange(first, last)));
        return out;
    }

    /** The present runs clipped to {@code from..to}. */
    List<BlockRange> presentIn(long from, long to) {
        List<BlockRange> out = new ArrayList<>();
        Long start = runs.floorKey(from);
        for (Map.Entry<Long, Long> run :
                runs.tailMap(start == null ? from : start, true).entrySet()) {
            if (run.getKey() > to) {
                break;
            }
            long first = Math.max(run.getKey(), from);
            long last = Math.min(run.getValue(), to);
            if (first <= last) {
                out.add(new BlockRange(first, last));
            }
        }
        return out;
    }

    /** The absent runs within {@code from..to}. */
    List<BlockRange> missingIn(long from, long to) {
        List<BlockRange> out = new ArrayList<>();
        long next = from;
        for (BlockRange present : presentIn(from, to)) {
            if (present.first() > next) {
                out.add(new BlockRange(next, present.first() - 1));
            }
            next = present.last() + 1;
        }
        if (next <= to) {
            out.add(new BlockRange(next, to));
        }
        return out;
    }

    /** How many present blocks are above {@code number}. */
    long countAbove(long number) {
        long count = 0;
        for (Map.Entry<Long, Long> run : runs.descendingMap().entrySet()) {
            if (run.getValue() <= number) {
                break;
            }
            count += run.getValue() - Math.max(run.getKey(), number + 1) + 1;
        }
        return count;
    }

    /**
     * The number below which all but the highest {@code count} present blocks lie: dropping the
     * blocks above the result drops exactly {@code count} blocks (fewer when fewer are present).
     */
    long belowHighest(long count) {
        long left = count;
        for (Map.Entry<Long, Long> run : runs.descendingMap().entrySet()) {
            long size = run.getValue() - run.getKey() + 1;
            if (size >= left) {
                return run.getValue() - left;
            }
            left -= size;
        }
        return runs.isEmpty() ? -1 : runs.firstKey() - 1;
    }

    /** These runs plus {@code numbers}, merged with their neighbours. */
    PresenceRuns plus(long[] numbers) {
        TreeMap<Long, Long> next = new TreeMap<>(runs);
        for (long n : numbers) {
            Map.Entry<Long, Long> below = next.floorEntry(n);
            if (below != null && below.getValue() >= n) {
                continue;
            }
            long first = n;
            long last = n;
            if (below != null && below.getValue() == n - 1) {
                first = below.getKey();
            }
            Long above = next.get(n + 1);
            if (above != null) {
                last = above;
                next.remove(n + 1);
            }
            next.put(first, last);
        }
        return new PresenceRuns(next);
    }

    /** These runs without any block above {@code number}. */
    PresenceRuns withoutAbove(long number) {
        TreeMap<Long, Long> next = new TreeMap<>(runs.headMap(number, true));
        Map.Entry<Long, Long> last = next.lastEntry();
        if (last != null && last.getValue() > number) {
            next.put(last.getKey(), number);
        }
        return new PresenceRuns(next);
    }

    /** These runs without any block of {@code first..last}. */
    PresenceRuns without(long first, long last) {
        TreeMap<Long, Long> next = new TreeMap<>(runs);
        for (BlockRange run : presentIn(first, last)) {
            long runFirst = next.floorKey(run.first());
            long runLast = next.remove(runFirst);
            if (runFirst < first) {
                next.put(runFirst, first - 1);
            }
            if (runLast > last) {
                next.put(last + 1, runLast);
            }
        }
        return new PresenceRuns(next);
    }

    /** How many present blocks lie in {@code first..last}. */
    long countIn(long first, long last) {
        long count = 0;
        for (BlockRange run : presentIn(first, last)) {
            count += run.last() - run.first() + 1;
        }
        return count;
    }

    /**
     * The entries a batch must delete and put to turn the persisted form of this value into {@code
     * next}'s.
     */
    Change changeTo(PresenceRuns next) {
        List<Long> deleted = new ArrayList<>();
        Map<Long, Long> put = new TreeMap<>();
        runs.forEach(
                (first, last) -> {
                    if (!next.runs.containsKey(first)) {
                        deleted.add(first);
                    }
                });
        next.runs.forEach(
                (first, last) -> {
                    if (!last.equals(runs.get(first))) {
                        put.put(first, last);
                    }
                });
        return new Change(deleted, put);
    }

    /** Run entries to delete (by first number) and to put (first -> last). */
    record Change(List<Long> deleted, Map<Long, Long> put) {}

    @Override
    public String toString() {
        return ranges().toString();
    }
}
