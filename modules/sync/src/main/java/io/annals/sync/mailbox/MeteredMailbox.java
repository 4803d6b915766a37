package io.annals.sync.mailbox;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import scala.Option;

/**
 * Mailbox type whose queues count their depth and register it in {@link MailboxDepths}. Named in
 * {@code annals.sync.metered-mailbox} and selected per actor with {@code
 * MailboxSelector.fromConfig(MeteredMailbox.CONFIG_PATH)}.
 */
public final class MeteredMailbox
        implements MailboxType, ProducesMessageQueue<MeteredMessageQueue> {

    /** Config path of the mailbox definition in reference.conf. */
    public static final String CONFIG_PATH = "annals.sync.metered-mailbox";

    /** Constructor Pekko calls reflectively with the system settings and this mailbox's config. */
    public MeteredMailbox(ActorSystem.Settings settings, Config config) {
        // nothing to configure: the queue is unbounded and always metered
    }

    @Override
    public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
        if (owner.isEmpty() || system.isEmpty()) {
            return new MeteredMessageQueue(() -> {});
        }
        ActorPath path = owner.get().path();
        MailboxDepths depths = MailboxDepths.get(Adapter.toTyped(system.get()));
        MeteredMessageQueue[] self = new MeteredMessageQueue[1];
        self[0] = new MeteredMessageQueue(() -> depths.unregister(path, self[0]));
        depths.register(path, self[0]);
        return self[0];
    }
}
