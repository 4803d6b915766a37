package io.annals.cluster.read;

import io.annals.cluster.wire.ClusterMessage;
import io.annals.store.HistoryReader;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Answers other hosts' reads of this host's store, on the cluster's read dispatcher (store reads
 * block on disk). At most {@code maxInFlight} reads run or wait at once; beyond that a read is
 * answered at once with {@link ReadReply.Failed}, so a flood of remote queries cannot queue without
 * bound. Registered with the receptionist under {@link #KEY}.
 */
public final class ReadService extends AbstractBehavior<ReadService.Command> {

    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "annals-reads");

    /** The dispatcher store reads run on (reference.conf). */
    public static final String DISPATCHER = "annals.cluster.read-dispatcher";

    public sealed interface Command {}

    /** Read {@code request} from this host's store and answer {@code replyTo}. */
    public record Read(ReadRequest request, ActorRef<ReadReply> replyTo)
            implements Command, ClusterMessage {
        public Read {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    private record Done() implements Command {}

    private final HistoryReader store;
    private final Executor executor;
    private final int maxInFlight;
    private int inFlight;

    public static Behavior<Command> create(HistoryReader store, int maxInFlight) {
        return Behaviors.setup(
                context -> {
                    context.getSystem()
                            .receptionist()
                            .tell(Receptionist.register(KEY, context.getSelf()));
                    return new ReadService(context, store, maxInFlight);
                });
    }

    private ReadService(ActorContext<Command> context, HistoryReader store, int maxInFlight) {
        super(context);
        this.store = store;
        this.maxInFlight = maxInFlight;
        this.executor =
                context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(DISPATCHER));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Read.class, this::onRead)
                .onMessage(Done.class, done -> onDone())
                .build();
    }

    private Behavior<Command> onRead(Read read) {
        if (inFlight >= maxInFlight) {
            read.replyTo().tell(new ReadReply.Failed("busy: " + inFlight + " reads in flight"));
            return this;
        }
        inFlight++;
        CompletableFuture<Void> answered =
                CompletableFuture.supplyAsync(
                                () -> StoreReads.answer(store, read.request()), executor)
                        .exceptionally(failure -> new ReadReply.Failed(failure.toString()))
                        .thenAccept(read.replyTo()::tell);
        getContext().pipeToSelf(answered, (ok, failure) -> new Done());
        return this;
    }

    private Behavior<Command> onDone() {
        inFlight--;
        return this;
    }
}
