package io.annals.node.monitor;

import io.annals.sync.SyncStats;
import io.annals.sync.head.HeadStats;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.SchedulerStats;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The one-line progress report, as {@code key=value} pairs so that scripts can read it:
 *
 * <pre>
 * 12:00:05 mode=historical blocks/s=412.3 head=1234 network=3000 lag=1766 peers=8 active=4 parked=3
 *     queue=310 inflight=128 escalation=0
 * 12:07:40 mode=follow blocks/s=0.0 head=3020 network=3032 lag=12 peers=28 active=0 parked=28 queue=0
 *     inflight=0 escalation=12 STALLED 12s (report logged)
 * 12:09:12 mode=follow blocks/s=0.3 head=3041 network=3041 lag=0 peers=8 active=0 parked=8 queue=0
 *     inflight=0 escalation=0 learned=poll:9,announcement:1,probe:1 polls/min=18.0 tip-lag=420ms
 * </pre>
 *
 * {@code head} is the store's contiguous head (every block up to it stored), {@code network} the
 * network head the engine believes in ({@code -} while unknown: no peers yet), {@code active} peers
 * with a batch in flight, {@code parked} peers waiting to be given work. In follow mode: how the
 * network head was learned ({@code learned}: rises found by a poll, an announcement, a probe), the
 * head polls per minute, and the last tip lag (from learning a head to storing it).
 */
public final class ProgressLine {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private ProgressLine() {}

    /** The line for a snapshot taken at {@code time}. */
    public static String of(SyncStats stats, OptionalLong endBlock, LocalTime time) {
        StringBuilder line = new StringBuilder(160);
        line.append(TIME.format(time)).append(" mode=").append(SyncFigures.mode(stats, endBlock));
        SchedulerStats scheduler = stats.scheduler().orElse(null);
        line.append(" blocks/s=")
                .append(
                        scheduler == null
                                ? "-"
                                : String.format(Locale.ROOT, "%.1f", scheduler.blocksPerSec()));
        OptionalLong head = SyncFigures.contiguousHead(stats);
        line.append(" head=").append(head.isPresent() ? Long.toString(head.getAsLong()) : "-");
        long network = stats.networkHead();
        line.append(" network=").append(network < 0 ? "-" : Long.toString(network));
        line.append(" lag=").append(network < 0 ? "-" : Long.toString(stats.lag()));
        line.append(" peers=").append(stats.peers());
        if (scheduler != null) {
            line.append(" active=")
                    .append(scheduler.peersActive())
                    .append(" parked=")
                    .append(scheduler.peersParked())
                    .append(" queue=")
                    .append(scheduler.queue())
                    .append(" inflight=")
                    .append(scheduler.inflight())
                    .append(" escalation=")
                    .append(scheduler.escalation());
            if (!scheduler.stalledFor().isZero()) {
                line.append(" STALLED ")
                        .append(seconds(scheduler.stalledFor()))
                        .append(" (report logged)");
            }
        }
        stats.head()
                .filter(tracker -> tracker.mode() == SyncMode.FOLLOW)
                .map(HeadStats::discovery)
                .ifPresent(discovery -> discovery(line, discovery));
        stats.failure().ifPresent(reason -> line.append(" FAILED: ").append(reason));
        return line.toString();
    }

    private static void discovery(StringBuilder line, HeadStats.Discovery discovery) {
        line.append(" learned=poll:")
                .append(discovery.byPoll())
                .append(",announcement:")
                .append(discovery.byAnnouncement())
                .append(",probe:")
                .append(discovery.byProbe())
                .append(" polls/min=")
                .append(String.format(Locale.ROOT, "%.1f", discovery.pollsPerMinute()))
                .append(" tip-lag=")
                .append(discovery.tipLagMillis() < 0 ? "-" : discovery.tipLagMillis() + "ms");
    }

    /** The line before the engine first answered. */
    public static String starting(LocalTime time) {
        return TIME.format(time) + " mode=starting (waiting for the sync engine's first figures)";
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
