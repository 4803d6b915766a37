package io.annals.sync.mailbox;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Per actor system: the depth of every live metered mailbox, by actor path. Mailboxes register
 * when created and leave when their actor stops. Read from any thread (the registry is concurrent;
 * the counts are the queues' own).
 */
public final class MailboxDepths implements Extension {

  /** The extension's id: {@code MailboxDepths.get(system)}. */
  public static final ExtensionId<MailboxDepths> ID = new ExtensionId<>() {
    @Override
    public MailboxDepths createExtension(ActorSystem<?> system) {
      return new MailboxDepths();
    }
  };

  private final Map<ActorPath, MeteredMessageQueue> queues = new ConcurrentHashMap<>();

  public static MailboxDepths get(ActorSystem<?> system) {
    return system.extension(ID);
  }

  void register(ActorPath path, MeteredMessageQueue queue) {
    queues.put(path, queue);
  }

  void unregister(ActorPath path, MeteredMessageQueue queue) {
    queues.remove(path, queue);
  }

  /** The number of messages waiting in the actor's mailbox; empty when it is not metered. */
  public OptionalInt depthOf(ActorPath path) {
    MeteredMessageQueue queue = queues.get(path);
    return queue == null ? OptionalInt.empty() : OptionalInt.of(queue.numberOfMessages());
  }

  public OptionalInt depthOf(ActorRef<?> actor) {
    return depthOf(actor.path());
  }

  /** The largest depth the actor's mailbox has reached; empty when it is not metered. */
  public OptionalInt peakOf(ActorRef<?> actor) {
    MeteredMessageQueue queue = queues.get(actor.path());
    return queue == null ? OptionalInt.empty() : OptionalInt.of(queue.peak());
  }
}
