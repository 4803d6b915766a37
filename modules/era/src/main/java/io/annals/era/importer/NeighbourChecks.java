package io.annals.era.importer;

import io.annals.core.chain.KnownEpochs;
import io.annals.core.era.EpochCheck;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.HistoryStore;
import java.math.BigInteger;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a verified file must agree with outside itself, before anything of it is stored: the stored
 * blocks on either side (parent hashes) and the files verified in the same run (parent hashes, and
 * the total difficulty one carries into the next). Files are verified in parallel, so each records
 * its check and compares with the neighbours recorded before it, under one lock: of two adjacent
 * files, whichever finishes second compares with the other.
 *
 * <p>The total difficulty a file starts from is also held against the store's headers when the run
 * does not have the file before it: the sum of the stored difficulties from genesis, computed once
 * and carried forward.
 */
final class NeighbourChecks {
    private final HistoryStore store;
    private final NavigableMap<Long, EpochCheck> verified = new TreeMap<>();

    /** Total difficulty at a block number, as far as it is known (from files or stored headers). */
    private final NavigableMap<Long, BigInteger> totalDifficulty = new TreeMap<>();

    NeighbourChecks(HistoryStore store) {
        this.store = store;
    }

    /** Why {@code check} disagrees with its neighbours, if it does; else records it. */
    synchronized Optional<String> admit(EpochCheck check) {
        long first = check.startBlock();
        long last = check.lastBlock();
        if (first > 0 && store.isPresent(first - 1)) {
            Hash stored = store.canonicalHash(first - 1).orElseThrow();
            if (!stored.equals(check.firstParentHash())) {
                return Optional.of(
                        "block "
                                + first
                                + " names parent "
                                + check.firstParentHash()
                                + ", but the stored block "
                                + (first - 1)
                                + " is "
                                + stored
                                + ": a file of another chain");
            }
        }
        if (store.isPresent(last + 1)) {
            Hash parent = store.header(last + 1).map(BlockHeader::parentHash).orElseThrow();
            if (!parent.equals(check.lastHash())) {
                return Optional.of(
                        "the stored block "
                                + (last + 1)
                                + " names parent "
                                + parent
                                + ", but this file's block "
                                + last
                                + " is "
                                + check.lastHash()
                                + ": a file of another chain");
            }
        }
        Map.Entry<Long, EpochCheck> before = verified.floorEntry(first - 1);
        if (before != null && before.getValue().lastBlock() == first - 1) {
            EpochCheck previous = before.getValue();
            if (!previous.lastHash().equals(check.firstParentHash())) {
                return Optional.of(
                        "block "
                                + first
                                + " does not link to block "
                                + (first - 1)
                                + " of the file before it ("
                                + previous.lastHash()
                                + ")");
            }
            Optional<String> td = tdMismatch(previous.finalTotalDifficulty(), check);
            if (td.isPresent()) {
                return td;
            }
        } else if (first > 0
                && check.initialTotalDifficulty().isPresent()
                && check.trust() != KnownEpochs.Verdict.MATCHES_ROOT) {
            // a known root covers every total difficulty of the epoch; else sum the stored ones
            Optional<BigInteger> stored = storedTotalDifficulty(first - 1);
            if (stored.isPresent()) {
                Optional<String> td = tdMismatch(stored, check);
                if (td.isPresent()) {
                    return td;
                }
            }
        }
        Map.Entry<Long, EpochCheck> after = verified.ceilingEntry(last + 1);
        if (after != null && after.getValue().startBlock() == last + 1) {
            EpochCheck next = after.getValue();
            if (!next.firstParentHash().equals(check.lastHash())) {
                return Optional.of(
                        "block "
                                + last
                                + " is not the parent the file after it names ("
                                + next.firstParentHash()
                                + ")");
            }
            if (check.finalTotalDifficulty().isPresent()
                    && next.initialTotalDifficulty().isPresent()
                    && !check.finalTotalDifficulty().equals(next.initialTotalDifficulty())) {
                return Optional.of(
                        "the total difficulty at block "
                                + last
                                + " is "
                                + check.finalTotalDifficulty().get()
                                + ", but the file after it starts from "
                                + next.initialTotalDifficulty().get());
            }
        }
        verified.put(first, check);
        check.finalTotalDifficulty().ifPresent(td -> totalDifficulty.put(last, td));
        return Optional.empty();
    }

    private static Optional<String> tdMismatch(Optional<BigInteger> before, EpochCheck check) {
        if (before.isEmpty() || check.initialTotalDifficulty().isEmpty()) {
            return Optional.empty();
        }
        if (before.get().equals(check.initialTotalDifficulty().get())) {
            return Optional.empty();
        }
        return Optional.of(
                "block "
                        + check.startBlock()
                        + " starts from total difficulty "
                        + check.initialTotalDifficulty().get()
                        + ", but the chain's total difficulty at block "
                        + (check.startBlock() - 1)
                        + " is "
                        + before.get());
    }

    /**
     * The total difficulty at {@code number} from the stored headers: from the nearest known point
     * below (or genesis), adding the difficulty of every stored header up to it; empty when one is
     * missing.
     */
    private Optional<BigInteger> storedTotalDifficulty(long number) {
        Map.Entry<Long, BigInteger> known = totalDifficulty.floorEntry(number);
        long from = known == null ? 0 : known.getKey() + 1;
        BigInteger td = known == null ? BigInteger.ZERO : known.getValue();
        if (store.startBlock() > from) {
            return Optional.empty();
        }
        for (long n = from; n <= number; n++) {
            Optional<BlockHeader> header = store.header(n);
            if (header.isEmpty()) {
                return Optional.empty();
            }
            td = td.add(header.get().difficulty());
        }
        totalDifficulty.put(number, td);
        return Optional.of(td);
    }
}
