package io.annals.node.monitor;

import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.sync.SyncStats;
import io.annals.sync.head.HeadStats;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.SchedulerStats;
import io.annals.sync.write.WriterStats;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The sync engine's figures as Prometheus metrics on {@code /metrics}, updated from each snapshot:
 *
 * <pre>
 * annals_sync_blocks_per_second                    persisted over the engine's rate window
 * annals_sync_blocks{state}                        queued, in_flight, escalated, awaiting_durability, writer_queue
 * annals_sync_peers{state}                         connected, active, parked, waiting_for_writer
 * annals_sync_mailbox_depth{actor}                 scheduler, writer (metered mailboxes)
 * annals_sync_persisted_blocks_total               blocks the writer acknowledged durable
 * annals_sync_written_bytes_total                  block bytes written to the store
 * annals_sync_head_block / _network_head_block / _lag_blocks
 * annals_sync_stalled, annals_sync_stalled_seconds
 * annals_sync_mode{mode}                           1 for the engine's mode, 0 for the other
 * annals_sync_failed                               1 once sync stopped with an error
 * annals_sync_max_block_backoff_seconds            the current mode's cap on the (block, peer) backoff
 * annals_sync_stats_age_seconds                    age of the snapshot the others come from
 * annals_sync_heads_learned_total{by}              network head rises by poll, announcement, probe
 * annals_sync_head_polls_total                     head-discovery polls
 * annals_sync_head_polls_per_minute                head-discovery polls over a minute
 * annals_sync_tip_lag_seconds{which=last|max}      learning a new head to storing it
 * annals_p2p_sessions                              live devp2p sessions
 * </pre>
 */
public final class SyncMetrics implements SyncMonitor.Listener {
    private static final Pattern GENERATION = Pattern.compile("-\\d+$");

    private final Supplier<Map<String, Integer>> mailboxDepths;
    private final Gauge rate;
    private final Gauge blocks;
    private final Gauge peers;
    private final Gauge mailboxes;
    private final Counter persisted;
    private final Counter bytes;
    private final Gauge head;
    private final Gauge networkHead;
    private final Gauge lag;
    private final Gauge stalled;
    private final Gauge stalledSeconds;
    private final Gauge mode;
    private final Gauge failed;
    private final Gauge backoffCap;
    private final Counter headsLearned;
    private final Counter headPolls;
    private final Gauge headPollRate;
    private final Gauge tipLag;
    private long persistedSeen;
    private long bytesSeen;
    private HeadStats.Discovery discoverySeen = new HeadStats.Discovery(0, 0, 0, 0, 0, -1, -1);

    /**
     * @param mailboxDepths depths of the metered mailboxes by actor path
     * @param sessions live devp2p sessions
     */
    public SyncMetrics(
            MetricsRegistry registry,
            SyncMonitor monitor,
            Supplier<Map<String, Integer>> mailboxDepths,
            IntSupplier sessions) {
        this.mailboxDepths = mailboxDepths;
        rate =
                registry.gauge(
                        "annals_sync_blocks_per_second",
                        "Blocks persisted per second over the rate window");
        blocks =
                registry.gauge("annals_sync_blocks", "Blocks of the sync target by state", "state");
        peers = registry.gauge("annals_sync_peers", "Peers of the sync engine by state", "state");
        mailboxes =
                registry.gauge(
                        "annals_sync_mailbox_depth",
                        "Messages waiting in an actor's mailbox",
                        "actor");
        persisted =
                registry.counter(
                        "annals_sync_persisted_blocks_total",
                        "Blocks acknowledged durable by the writer");
        bytes =
                registry.counter(
                        "annals_sync_written_bytes_total", "Block bytes written to the store");
        head =
                registry.gauge(
                        "annals_sync_head_block",
                        "The store's contiguous head (-1: nothing stored)");
        networkHead =
                registry.gauge("annals_sync_network_head_block", "The network head (-1: unknown)");
        lag =
                registry.gauge(
                        "annals_sync_lag_blocks",
                        "Blocks between the network head and the contiguous head");
        stalled =
                registry.gauge(
                        "annals_sync_stalled",
                        "1 while waiting work goes without a delivery past the threshold");
        stalledSeconds =
                registry.gauge(
                        "annals_sync_stalled_seconds", "How long the current stall has lasted");
        mode = registry.gauge("annals_sync_mode", "1 for the sync engine's current mode", "mode");
        failed =
                registry.gauge(
                        "annals_sync_failed", "1 once sync stopped with an error (the node exits)");
        backoffCap =
                registry.gauge(
                        "annals_sync_max_block_backoff_seconds",
                        "The current mode's cap on the per-(block, peer) backoff");
        headsLearned =
                registry.counter(
                        "annals_sync_heads_learned_total",
                        "Rises of the network head, by how the head was learned",
                        "by");
        headPolls =
                registry.counter(
                        "annals_sync_head_polls_total",
                        "Head-discovery polls: a peer asked for the headers above its head");
        headPollRate =
                registry.gauge(
                        "annals_sync_head_polls_per_minute", "Head-discovery polls over a minute");
        tipLag =
                registry.gauge(
                        "annals_sync_tip_lag_seconds",
                        "From learning a new head to storing it: the last one, and the largest",
                        "which");
        registry.gauge(
                "annals_sync_stats_age_seconds",
                "Age of the sync snapshot these metrics come from",
                () -> monitor.latest().map(seen -> seen.age().toMillis() / 1000.0).orElse(-1.0));
        registry.gauge("annals_p2p_sessions", "Live devp2p sessions", () -> sessions.getAsInt());
    }

    @Override
    public void observed(SyncStats stats) {
        stats.scheduler().ifPresent(this::scheduler);
        stats.writer().ifPresent(this::writer);
        stats.head().map(HeadStats::discovery).ifPresent(this::discovery);
        peers.labelValues("connected").set(stats.peers());
        OptionalLong contiguous = SyncFigures.contiguousHead(stats);
        head.set(contiguous.isPresent() ? contiguous.getAsLong() : -1);
        networkHead.set(stats.networkHead());
        lag.set(stats.lag());
        for (SyncMode each : SyncMode.values()) {
            mode.labelValues(each.configSection()).set(each == stats.mode() ? 1 : 0);
        }
        failed.set(stats.failed() ? 1 : 0);
        mailboxDepths
                .get()
                .forEach((path, depth) -> mailboxes.labelValues(actorName(path)).set(depth));
    }

    private void scheduler(SchedulerStats s) {
        rate.set(s.blocksPerSec());
        blocks.labelValues("queued").set(s.queue());
        blocks.labelValues("in_flight").set(s.inflight());
        blocks.labelValues("escalated").set(s.escalation());
        blocks.labelValues("awaiting_durability").set(s.awaitingDurability());
        peers.labelValues("active").set(s.peersActive());
        peers.labelValues("parked").set(s.peersParked());
        peers.labelValues("waiting_for_writer").set(s.peersWaitingForWriter());
        stalled.set(s.stalledFor().isZero() ? 0 : 1);
        stalledSeconds.set(s.stalledFor().toMillis() / 1000.0);
        backoffCap.set(s.maxBlockBackoff().toMillis() / 1000.0);
    }

    private void writer(WriterStats w) {
        blocks.labelValues("writer_queue").set(w.queued());
        if (w.persisted() > persistedSeen) {
            persisted.inc(w.persisted() - persistedSeen);
            persistedSeen = w.persisted();
        }
        if (w.bytes() > bytesSeen) {
            bytes.inc(w.bytes() - bytesSeen);
            bytesSeen = w.bytes();
        }
    }

    private void discovery(HeadStats.Discovery d) {
        HeadStats.Discovery seen = discoverySeen;
        headsLearned.labelValues("poll").inc(Math.max(0, d.byPoll() - seen.byPoll()));
        headsLearned
                .labelValues("announcement")
                .inc(Math.max(0, d.byAnnouncement() - seen.byAnnouncement()));
        headsLearned.labelValues("probe").inc(Math.max(0, d.byProbe() - seen.byProbe()));
        headPolls.inc(Math.max(0, d.polls() - seen.polls()));
        headPollRate.set(d.pollsPerMinute());
        tipLag.labelValues("last").set(d.tipLagMillis() < 0 ? -1 : d.tipLagMillis() / 1000.0);
        tipLag.labelValues("max").set(d.maxTipLagMillis() < 0 ? -1 : d.maxTipLagMillis() / 1000.0);
        discoverySeen = d;
    }

    /**
     * {@code /system/sync/scheduler-2} is {@code scheduler}: the generation changes with every mode
     * switch.
     */
    static String actorName(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return GENERATION.matcher(last).replaceFirst("");
    }
}
