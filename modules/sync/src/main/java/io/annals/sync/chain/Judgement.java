package io.annals.sync.chain;

import io.annals.sync.model.PeerId;
import java.util.Set;

/** What a {@link ConflictInquiry} found. */
public sealed interface Judgement {

    /** One line for logs and stats. */
    String account();

    /**
     * The stored side lost: drop it as {@code plan} says. {@code losers} served an incoming side
     * that lost against an anchor too (neither side was on the anchored chain).
     */
    record Replace(RollbackPlan plan, Set<PeerId> losers, String account) implements Judgement {
        public Replace {
            losers = Set.copyOf(losers);
        }
    }

    /**
     * The stored side stays; the incoming block remains refused. {@code losers} served the incoming
     * side; {@code anchored} when an anchor decided it (rather than a vote of the connected peers).
     */
    record Refuse(Set<PeerId> losers, boolean anchored, String account) implements Judgement {
        public Refuse {
            losers = Set.copyOf(losers);
        }
    }

    /**
     * The stored side lost, but dropping it would undo more than the engine may: sync must stop.
     */
    record TooDeep(long depth, String account) implements Judgement {}

    /** Nothing to do (no peer answered, or nothing stored conflicts any more). */
    record Unresolved(String account) implements Judgement {}
}
