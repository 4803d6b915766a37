package io.annals.cluster.directory;

import io.annals.cluster.range.RangeMap;
import io.annals.cluster.tip.TipState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Keeps this host's {@link Directory} current: it subscribes to the directory's distributed data
 * (holdings, member cards, the tip) and to the cluster's membership and reachability, and publishes
 * a new immutable snapshot to the {@link DirectoryHolder} whenever one of them changes. A member is
 * live while it is up (or weakly up) and reachable from here.
 */
public final class DirectoryView extends AbstractBehavior<DirectoryView.Command> {

    public sealed interface Command {}

    private record HoldingsChanged(Map<String, Holding> entries) implements Command {}

    private record MembersChanged(Map<String, MemberCard> entries) implements Command {}

    private record TipChanged(TipState tip) implements Command {}

    private record MembershipChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

    private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

    private final RangeMap ranges;
    private final String self;
    private final DirectoryHolder holder;
    private Map<String, Holding> holdings = Map.of();
    private Map<String, MemberCard> cards = Map.of();
    private Optional<TipState> tip = Optional.empty();
    private final Set<Address> up = new HashSet<>();
    private final Set<Address> unreachable = new HashSet<>();

    public static Behavior<Command> create(RangeMap ranges, String self, DirectoryHolder holder) {
        return Behaviors.setup(context -> new DirectoryView(context, ranges, self, holder));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private DirectoryView(
            ActorContext<Command> context, RangeMap ranges, String self, DirectoryHolder holder) {
        super(context);
        this.ranges = ranges;
        this.self = self;
        this.holder = holder;
        var replicator = DistributedData.get(context.getSystem()).replicator();
        // one adapter per message class is all an actor gets: one for the three keys
        ActorRef<Replicator.SubscribeResponse> changes =
                context.messageAdapter(Replicator.SubscribeResponse.class, DirectoryView::changed);
        replicator.tell(new Replicator.Subscribe(DirectoryKeys.HOLDINGS, changes));
        replicator.tell(new Replicator.Subscribe(DirectoryKeys.MEMBERS, changes));
        replicator.tell(new Replicator.Subscribe(DirectoryKeys.TIP, changes));
        Cluster cluster = Cluster.get(context.getSystem());
        cluster.subscriptions()
                .tell(
                        Subscribe.create(
                                context.messageAdapter(
                                        ClusterEvent.MemberEvent.class, MembershipChanged::new),
                                ClusterEvent.MemberEvent.class));
        cluster.subscriptions()
                .tell(
                        Subscribe.create(
                                context.messageAdapter(
                                        ClusterEvent.ReachabilityEvent.class,
                                        ReachabilityChanged::new),
                                ClusterEvent.ReachabilityEvent.class));
    }

    @SuppressWarnings("unchecked")
    private static Command changed(Replicator.SubscribeResponse response) {
        Object data =
                response instanceof Replicator.Changed<?> changed ? changed.dataValue() : null;
        if (response.key().equals(DirectoryKeys.HOLDINGS)) {
            return new HoldingsChanged(
                    data == null
                            ? Map.of()
                            : Map.copyOf(((LWWMap<String, Holding>) data).getEntries()));
        }
        if (response.key().equals(DirectoryKeys.MEMBERS)) {
            return new MembersChanged(
                    data == null
                            ? Map.of()
                            : Map.copyOf(((LWWMap<String, MemberCard>) data).getEntries()));
        }
        return new TipChanged(data == null ? null : ((LWWRegister<TipState>) data).getValue());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(HoldingsChanged.class, this::onHoldings)
                .onMessage(MembersChanged.class, this::onMembers)
                .onMessage(TipChanged.class, this::onTip)
                .onMessage(MembershipChanged.class, this::onMembership)
                .onMessage(ReachabilityChanged.class, this::onReachability)
                .build();
    }

    private Behavior<Command> onHoldings(HoldingsChanged changed) {
        holdings = changed.entries();
        return publish();
    }

    private Behavior<Command> onMembers(MembersChanged changed) {
        cards = changed.entries();
        return publish();
    }

    private Behavior<Command> onTip(TipChanged changed) {
        tip = Optional.ofNullable(changed.tip());
        return publish();
    }

    private Behavior<Command> onMembership(MembershipChanged changed) {
        if (changed.event() instanceof ClusterEvent.MemberEvent event) {
            Member member = event.member();
            if (member.status() == MemberStatus.up()
                    || member.status() == MemberStatus.weaklyUp()) {
                up.add(member.address());
            } else {
                up.remove(member.address());
            }
            if (event instanceof ClusterEvent.MemberRemoved) {
                unreachable.remove(member.address());
            }
        }
        return publish();
    }

    private Behavior<Command> onReachability(ReachabilityChanged changed) {
        ClusterEvent.ReachabilityEvent event = changed.event();
        if (event instanceof ClusterEvent.UnreachableMember) {
            unreachable.add(event.member().address());
        } else {
            unreachable.remove(event.member().address());
        }
        return publish();
    }

    /** A card's address; a card we cannot read names no live member. */
    private static Optional<Address> parse(String address) {
        try {
            return Optional.of(AddressFromURIString.parse(address));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Behavior<Command> publish() {
        Map<Long, List<Holding>> byRange = new HashMap<>();
        holdings.values()
                .forEach(h -> byRange.computeIfAbsent(h.range(), r -> new ArrayList<>()).add(h));
        Set<String> live = new HashSet<>();
        for (MemberCard card : cards.values()) {
            Optional<Address> address = parse(card.address());
            if (address.isPresent()
                    && up.contains(address.get())
                    && !unreachable.contains(address.get())) {
                live.add(card.member());
            }
        }
        live.add(self);
        holder.set(new Directory(ranges, self, byRange, cards, live, tip));
        return this;
    }
}
