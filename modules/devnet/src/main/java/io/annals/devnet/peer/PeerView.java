package io.annals.devnet.peer;

import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import io.annals.devnet.chain.SplitMix;
import io.annals.devnet.fault.Corruption;
import io.annals.devnet.fault.FaultPlan;
import io.annals.devnet.fault.MissingTip;
import io.annals.devnet.fault.Part;
import io.annals.devnet.serve.ChainVersion;
import io.annals.devnet.serve.RetiredBranch;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.ChainReader;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * What one devnet peer serves: the blocks it has seen, of the branch it follows, with its data
 * faults applied. The devnet's head thread moves the view ({@link #see}, {@link #retire}); the eth
 * layer's serving threads read it. Its state is one immutable record behind a volatile field, so a
 * read never sees half an update.
 *
 * <ul>
 *   <li>Visibility: a header, body or receipt list is served only for blocks up to the peer's seen
 *       head, on its branch. Headers by number beyond it, and hashes of blocks it has not seen or
 *       of other branches, are absent, as on a real peer.
 *   <li>Missing tip: blocks within the plan's depth of the seen head and younger than its duration
 *       are absent for the listed parts.
 *   <li>Corruption: bodies and receipts of a deterministic share of blocks come with one byte
 *       changed (see {@link Corruptor}).
 *   <li>Stuck: the seen head never passes the plan's block, and a peer stuck there ignores reorgs.
 * </ul>
 */
public final class PeerView implements ChainReader {
    /** The peer's position: the highest block it has seen and the branch it serves. */
    public record State(long seenHead, ChainVersion version) {}

    private final int index;
    private final FaultPlan plan;
    private final BlockBirths births;
    private final LongSupplier clock;
    private final long seed;
    private volatile State state;

    public PeerView(
            int index,
            FaultPlan plan,
            BlockBirths births,
            LongSupplier clock,
            long seed,
            State initial) {
        this.index = index;
        this.plan = plan;
        this.births = births;
        this.clock = clock;
        this.seed = seed;
        this.state = capped(initial);
    }

    public State state() {
        return state;
    }

    public FaultPlan plan() {
        return plan;
    }

    /**
     * The peer hears of block {@code number} of {@code version}'s branch: a later branch switches
     * the peer to it (it imported a block of the new branch, so it has that branch), an earlier one
     * is ignored, the same one raises the seen head.
     *
     * @return whether what the peer serves changed
     */
    public boolean see(long number, ChainVersion version) {
        State current = state;
        if (isStuck(current)) {
            return false;
        }
        State next;
        if (version.branch() > current.version().branch()) {
            next = capped(new State(number, version));
        } else if (version.branch() == current.version().branch() && number > current.seenHead()) {
            next = capped(new State(number, current.version()));
        } else {
            return false;
        }
        state = next;
        return !next.equals(current);
    }

    /** A reorg retired the branch this peer may be on: keep serving it, from memory now. */
    public void retire(RetiredBranch retired) {
        State current = state;
        if (current.version().branch() == retired.branch()) {
            state = new State(current.seenHead(), retired);
        }
    }

    private boolean isStuck(State current) {
        return plan.stuckAt().isPresent() && current.seenHead() >= plan.stuckAt().getAsLong();
    }

    private State capped(State s) {
        if (plan.stuckAt().isPresent() && s.seenHead() > plan.stuckAt().getAsLong()) {
            return new State(plan.stuckAt().getAsLong(), s.version());
        }
        return s;
    }

    @Override
    public AnnouncedRange availableRange() {
        State s = state;
        Hash head =
                s.version()
                        .hashOf(s.seenHead())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "peer "
                                                        + index
                                                        + " has no header for its head "
                                                        + s.seenHead()));
        long earliest = Math.min(plan.expiredBelow().orElse(0), s.seenHead());
        return new AnnouncedRange(earliest, s.seenHead(), head);
    }

    @Override
    public Optional<byte[]> headerRlp(long number) {
        State s = state;
        if (!visible(s, number) || withheld(s, Part.HEADERS, number)) {
            return Optional.empty();
        }
        return s.version().headerRlp(number);
    }

    @Override
    public OptionalLong numberOf(Hash hash) {
        State s = state;
        OptionalLong number = s.version().numberOf(hash);
        return number.isPresent() && visible(s, number.getAsLong()) ? number : OptionalLong.empty();
    }

    @Override
    public Optional<byte[]> bodyRlp(Hash hash) {
        State s = state;
        OptionalLong number = servable(s, Part.BODIES, hash);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> body = s.version().bodyRlp(hash);
        return corrupts(number.getAsLong(), true) ? body.map(Corruptor::body) : body;
    }

    @Override
    public Optional<byte[]> receiptsEth69(Hash hash) {
        State s = state;
        OptionalLong number = servable(s, Part.RECEIPTS, hash);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> receipts = s.version().receiptsEth69(hash);
        return corrupts(number.getAsLong(), false)
                ? receipts.map(Corruptor::receiptsEth69)
                : receipts;
    }

    @Override
    public Optional<byte[]> receiptsEth68(Hash hash) {
        State s = state;
        OptionalLong number = servable(s, Part.RECEIPTS, hash);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        if (corrupts(number.getAsLong(), false)) {
            return s.version()
                    .receiptsEth69(hash)
                    .map(Corruptor::receiptsEth69)
                    .map(eth69 -> Receipts.encodeEth68List(Receipts.decodeEth69List(eth69)));
        }
        return s.version().receiptsEth68(hash);
    }

    private OptionalLong servable(State s, Part part, Hash hash) {
        OptionalLong number = s.version().numberOf(hash);
        if (number.isEmpty()
                || !visible(s, number.getAsLong())
                || withheld(s, part, number.getAsLong())
                || number.getAsLong() < plan.expiredBelow().orElse(0)) {
            return OptionalLong.empty();
        }
        return number;
    }

    private static boolean visible(State s, long number) {
        return Long.compareUnsigned(number, s.seenHead()) <= 0;
    }

    private boolean withheld(State s, Part part, long number) {
        if (plan.missingTip().isEmpty()) {
            return false;
        }
        MissingTip tip = plan.missingTip().get();
        return tip.withholds(
                part, number, s.seenHead(), births.ageMillis(number, clock.getAsLong()));
    }

    /**
     * Whether this peer corrupts block {@code number}'s bodies or receipts: a fixed draw per (seed,
     * peer, block).
     */
    private boolean corrupts(long number, boolean body) {
        if (plan.corruption().isEmpty()) {
            return false;
        }
        Corruption corruption = plan.corruption().get();
        if (body ? !corruption.bodies() : !corruption.receipts()) {
            return false;
        }
        return corruption.share() >= 1
                || SplitMix.of(seed, 0x636f72L, index, number).chance(corruption.share());
    }

    @Override
    public String toString() {
        State s = state;
        return "peer " + index + " at " + s.seenHead() + " on " + s.version();
    }
}
