package io.annals.sync.mailbox;

import io.annals.sync.model.SyncStalled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Per actor system: the depth of every live metered mailbox, by actor path. Mailboxes register when
 * created and leave when their actor stops. Read from any thread (the registry is concurrent; the
 * counts are the queues' own).
 */
public final class MailboxDepths implements Extension {

    /** The extension's id: {@code MailboxDepths.get(system)}. */
    public static final ExtensionId<MailboxDepths> ID =
            new ExtensionId<>() {
                @Override
                public MailboxDepths createExtension(ActorSystem<?> system) {
                    return new MailboxDepths();
                }
            };

    /** Keyed by the path without address or uid, so a path built by name finds a live actor. */
    private final Map<String, MeteredMessageQueue> queues = new ConcurrentHashMap<>();

    public static MailboxDepths get(ActorSystem<?> system) {
        return system.registerExtension(
                ID); // creates it on first use, then returns the same instance
    }

    void register(ActorPath path, MeteredMessageQueue queue) {
        queues.put(key(path), queue);
    }

    void unregister(ActorPath path, MeteredMessageQueue queue) {
        queues.remove(key(path), queue);
    }

    /** The number of messages waiting in the actor's mailbox; empty when it is not metered. */
    public OptionalInt depthOf(ActorPath path) {
        MeteredMessageQueue queue = queues.get(key(path));
        return queue == null ? OptionalInt.empty() : OptionalInt.of(queue.numberOfMessages());
    }

    public OptionalInt depthOf(ActorRef<?> actor) {
        return depthOf(actor.path());
    }

    private static String key(ActorPath path) {
        return path.toStringWithoutAddress();
    }

    /**
     * The depths a stall report shows: {@code self} under {@code selfName}, then each watched actor
     * by name, in name order; -1 for an actor whose mailbox is not metered.
     */
    public List<SyncStalled.MailboxDepth> report(
            String selfName, ActorRef<?> self, Map<String, ActorPath> watched) {
        List<SyncStalled.MailboxDepth> depths = new ArrayList<>();
        depths.add(new SyncStalled.MailboxDepth(selfName, depthOf(self).orElse(-1)));
        new TreeMap<>(watched)
                .forEach(
                        (name, path) ->
                                depths.add(
                                        new SyncStalled.MailboxDepth(
                                                name, depthOf(path).orElse(-1))));
        return depths;
    }

    /**
     * Every live metered mailbox's depth, by actor path (without address), in path order: for
     * metrics.
     */
    public SortedMap<String, Integer> depths() {
        SortedMap<String, Integer> depths = new TreeMap<>();
        queues.forEach((path, queue) -> depths.put(path, queue.numberOfMessages()));
        return depths;
    }

    /** The largest depth the actor's mailbox has reached; empty when it is not metered. */
    public OptionalInt peakOf(ActorRef<?> actor) {
        MeteredMessageQueue queue = queues.get(key(actor.path()));
        return queue == null ? OptionalInt.empty() : OptionalInt.of(queue.peak());
    }
}
