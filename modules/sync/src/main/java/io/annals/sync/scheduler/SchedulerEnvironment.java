package io.annals.sync.scheduler;

import io.annals.sync.model.TimeSource;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.ActorPath;

/**
 * What the scheduler needs besides its settings.
 *
 * @param clock the ledger's "now", moving with the actor system's scheduler
 * @param rateWindow window of the blocks-per-second figure
 * @param watchedMailboxes actors (by name) whose metered mailbox depth goes into stall reports
 */
public record SchedulerEnvironment(
        TimeSource clock, Duration rateWindow, Map<String, ActorPath> watchedMailboxes) {
    public SchedulerEnvironment {
        watchedMailboxes = Map.copyOf(watchedMailboxes);
    }
}
