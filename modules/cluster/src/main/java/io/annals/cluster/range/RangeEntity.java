package io.annals.cluster.range;

import io.annals.cluster.wire.ClusterMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One history range as a Cluster Sharding entity. Where the cluster allocates it, it has that
 * host's engine sync the range ({@link RangeKeeper.Own}); when sharding hands it off (a rebalance,
 * the host leaving) it withdraws the range from that engine ({@link RangeKeeper.Disown}) and stops.
 * It keeps no state of its own: what is done of the range is what the host's store holds, which the
 * keeper reads when the entity starts (sharding delivers at most once and never moves an entity's
 * state). Remembered entities restart it after a rebalance without any message.
 */
public final class RangeEntity extends AbstractBehavior<RangeEntity.Command> {

    public static final EntityTypeKey<Command> KEY =
            EntityTypeKey.create(Command.class, "annals-range");

    public sealed interface Command {}

    /** Makes the entity exist (the tip sends it as the head crosses into the range). */
    public record Start() implements Command, ClusterMessage {}

    /** Sharding's stop message: the range moves to another host. */
    public enum Handoff implements Command {
        INSTANCE
    }

    private final long range;
    private final ActorRef<RangeKeeper.Command> keeper;

    public static Behavior<Command> create(long range, ActorRef<RangeKeeper.Command> keeper) {
        return Behaviors.setup(context -> new RangeEntity(context, range, keeper));
    }

    private RangeEntity(
            ActorContext<Command> context, long range, ActorRef<RangeKeeper.Command> keeper) {
        super(context);
        this.range = range;
        this.keeper = keeper;
        keeper.tell(new RangeKeeper.Own(range));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, start -> this)
                .onMessageEquals(Handoff.INSTANCE, () -> Behaviors.stopped())
                .onSignal(PostStop.class, stopped -> onStopped())
                .build();
    }

    /** Handed off, or the host is going away: the range is no longer this engine's to sync. */
    private Behavior<Command> onStopped() {
        keeper.tell(new RangeKeeper.Disown(range));
        return this;
    }
}
