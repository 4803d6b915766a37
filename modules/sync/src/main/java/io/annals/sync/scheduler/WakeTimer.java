package io.annals.sync.scheduler;

import java.time.Duration;
import java.util.OptionalLong;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The scheduler's one timer, armed for the earliest moment something could change without a message
 * (a cooldown ends, a stall report falls due) and re-armed only when that moment moves. Part of the
 * scheduler actor (its thread).
 */
final class WakeTimer {

    private static final Object KEY = "scheduler-wake";

    private final TimerScheduler<Scheduler.Command> timers;
    private final Scheduler.Command tick;
    private OptionalLong armedFor = OptionalLong.empty();

    WakeTimer(TimerScheduler<Scheduler.Command> timers, Scheduler.Command tick) {
        this.timers = timers;
        this.tick = tick;
    }

    /** The timer fired: whatever comes next must be armed again. */
    void fired() {
        armedFor = OptionalLong.empty();
    }

    void rearm(OptionalLong deadline, long now) {
        if (deadline.equals(armedFor)) {
            return;
        }
        armedFor = deadline;
        if (deadline.isEmpty()) {
            timers.cancel(KEY);
        } else {
            timers.startSingleTimer(
                    KEY, tick, Duration.ofMillis(Math.max(0, deadline.getAsLong() - now)));
        }
    }
}
