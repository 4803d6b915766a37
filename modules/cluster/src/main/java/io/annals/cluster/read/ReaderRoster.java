package io.annals.cluster.read;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The read service of every host, by its cluster address, as the receptionist lists them: kept in a
 * {@link Readers} value for the RPC threads. A plain listener actor.
 */
public final class ReaderRoster {
    private ReaderRoster() {}

    /** The read services by address; replaced whole on every listing. */
    public static final class Readers {
        private volatile Map<Address, ActorRef<ReadService.Command>> byAddress = Map.of();

        public Optional<ActorRef<ReadService.Command>> at(Address address) {
            return Optional.ofNullable(byAddress.get(address));
        }

        public int size() {
            return byAddress.size();
        }

        void set(Map<Address, ActorRef<ReadService.Command>> readers) {
            byAddress = Map.copyOf(readers);
        }
    }

    public static Behavior<Receptionist.Listing> create(Readers readers) {
        return Behaviors.setup(
                context -> {
                    context.getSystem()
                            .receptionist()
                            .tell(Receptionist.subscribe(ReadService.KEY, context.getSelf()));
                    Address self =
                            org.apache.pekko.cluster.typed.Cluster.get(context.getSystem())
                                    .selfMember()
                                    .address();
                    return Behaviors.receiveMessage(
                            listing -> {
                                Map<Address, ActorRef<ReadService.Command>> next = new HashMap<>();
                                for (ActorRef<ReadService.Command> ref :
                                        listing.getServiceInstances(ReadService.KEY)) {
                                    Address address = ref.path().address();
                                    next.put(address.hasLocalScope() ? self : address, ref);
                                }
                                readers.set(next);
                                return Behaviors.same();
                            });
                });
    }
}
