package io.annals.node.monitor;

import io.annals.rpc.metrics.CounterFamily;
import io.annals.rpc.metrics.GaugeFamily;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.sync.SyncStats;
import io.annals.sync.head.HeadStats;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.SchedulerStats;
import io.annals.sync.write.WriterStats;
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
    private final GaugeFamily rate;
    private final GaugeFamily blocks;
    private final GaugeFamily peers;
    private final GaugeFamily mailboxes;
    private final CounterFamily persisted;
    private final CounterFamily bytes;
    private final GaugeFamily head;
    private final GaugeFamily networkHead;
    private final GaugeFamily lag;
    private final GaugeFamily stalled;
    private final GaugeFamily stalledSeconds;
    private final GaugeFamily mode;
    private final GaugeFamily failed;
    private final GaugeFamily backoffCap;
    private final CounterFamily headsLearned;
    private final CounterFamily headPolls;
    private final GaugeFamily headPollRate;
    private final GaugeFamily tipLag;
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
        peers.labels("connected").set(stats.peers());
        OptionalLong contiguous = SyncFigures.contiguousHead(stats);
        head.labels().set(contiguous.isPresent() ? contiguous.getAsLong() : -1);
        networkHead.labels().set(stats.networkHead());
        lag.labels().set(stats.lag());
        for (SyncMode each : SyncMode.values()) {
            mode.labels(each.configSection()).set(each == stats.mode() ? 1 : 0);
        }
        failed.labels().set(stats.failed() ? 1 : 0);
        mailboxDepths.get().forEach((path, depth) -> mailboxes.labels(actorName(path)).set(depth));
    }

    private void scheduler(SchedulerStats s) {
        rate.labels().set(s.blocksPerSec());
        blocks.labels("queued").set(s.queue());
        blocks.labels("in_flight").set(s.inflight());
        blocks.labels("escalated").set(s.escalation());
        blocks.labels("awaiting_durability").set(s.awaitingDurability());
        peers.labels("active").set(s.peersActive());
        peers.labels("parked").set(s.peersParked());
        peers.labels("waiting_for_writer").set(s.peersWaitingForWriter());
        stalled.labels().set(s.stalledFor().isZero() ? 0 : 1);
        stalledSeconds.labels().set(s.stalledFor().toMillis() / 1000.0);
        backoffCap.labels().set(s.maxBlockBackoff().toMillis() / 1000.0);
    }

    private void writer(WriterStats w) {
        blocks.labels("writer_queue").set(w.queued());
        if (w.persisted() > persistedSeen) {
            persisted.labels().inc(w.persisted() - persistedSeen);
            persistedSeen = w.persisted();
        }
        if (w.bytes() > bytesSeen) {
            bytes.labels().inc(w.bytes() - bytesSeen);
            bytesSeen = w.bytes();
        }
    }

    private void discovery(HeadStats.Discovery d) {
        HeadStats.Discovery seen = discoverySeen;
        headsLearned.labels("poll").inc(Math.max(0, d.byPoll() - seen.byPoll()));
        headsLearned
                .labels("announcement")
                .inc(Math.max(0, d.byAnnouncement() - seen.byAnnouncement()));
        headsLearned.labels("probe").inc(Math.max(0, d.byProbe() - seen.byProbe()));
        headPolls.labels().inc(Math.max(0, d.polls() - seen.polls()));
        headPollRate.labels().set(d.pollsPerMinute());
        tipLag.labels("last").set(d.tipLagMillis() < 0 ? -1 : d.tipLagMillis() / 1000.0);
        tipLag.labels("max").set(d.maxTipLagMillis() < 0 ? -1 : d.maxTipLagMillis() / 1000.0);
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
