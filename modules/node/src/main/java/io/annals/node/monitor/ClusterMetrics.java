package io.annals.node.monitor;

import io.annals.cluster.ClusterStatus;
import io.annals.cluster.wire.RemoteTraffic;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.sync.SyncStats;
import io.prometheus.metrics.core.metrics.Gauge;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The cluster as Prometheus metrics on {@code /metrics}, updated with each stats snapshot:
 *
 * <pre>
 * annals_cluster_members{state}              members by state (up, joining, leaving, ...)
 * annals_cluster_unreachable_members         members this host cannot reach
 * annals_cluster_head_block                  the cluster's contiguous head (every block up to it held somewhere)
 * annals_cluster_handoffs_in_flight          ranges moving to a new owner or being synced again
 * annals_cluster_ranges{owner}               ranges by owning member (first 16 hex digits of its node id)
 * annals_cluster_range_held_blocks{range}    blocks the owner of each range holds
 * annals_cluster_range_wanted_blocks{range}  blocks of the range up to the head
 * annals_cluster_tip{member}                 1 for the member that runs the tip
 * annals_cluster_remote_messages_sent        messages this host sent to other hosts (Artery)
 * annals_cluster_remote_bytes_sent           their serialized bytes
 * </pre>
 */
public final class ClusterMetrics implements SyncMonitor.Listener {
    private final Supplier<ClusterStatus> status;
    private final Gauge members;
    private final Gauge unreachable;
    private final Gauge head;
    private final Gauge handoffs;
    private final Gauge ranges;
    private final Gauge held;
    private final Gauge wanted;
    private final Gauge tip;
    private final Set<String> states = new HashSet<>();
    private final Set<String> owners = new HashSet<>();
    private final Set<String> tips = new HashSet<>();

    public ClusterMetrics(
            MetricsRegistry registry, Supplier<ClusterStatus> status, RemoteTraffic traffic) {
        this.status = status;
        registry.gauge(
                "annals_cluster_remote_messages_sent",
                "Messages this host sent to other hosts",
                traffic::messagesSent);
        registry.gauge(
                "annals_cluster_remote_bytes_sent",
                "Serialized bytes of the messages this host sent to other hosts",
                traffic::bytesSent);
        members = registry.gauge("annals_cluster_members", "Cluster members by state", "state");
        unreachable =
                registry.gauge(
                        "annals_cluster_unreachable_members",
                        "Cluster members this host cannot reach");
        head =
                registry.gauge(
                        "annals_cluster_head_block",
                        "Highest block with every block up to it held by some member");
        handoffs =
                registry.gauge(
                        "annals_cluster_handoffs_in_flight",
                        "Ranges moving to a new owner or being synced again");
        ranges = registry.gauge("annals_cluster_ranges", "History ranges by owner", "owner");
        held =
                registry.gauge(
                        "annals_cluster_range_held_blocks",
                        "Blocks of each range its owner holds",
                        "range");
        wanted =
                registry.gauge(
                        "annals_cluster_range_wanted_blocks",
                        "Blocks of each range up to the head",
                        "range");
        tip = registry.gauge("annals_cluster_tip", "1 for the member running the tip", "member");
    }

    @Override
    public void observed(SyncStats ignored) {
        ClusterStatus now = status.get();
        states.forEach(state -> members.labelValues(state).set(0));
        now.members()
                .forEach(
                        member -> {
                            states.add(member.state());
                            members.labelValues(member.state()).inc(1);
                        });
        unreachable.set(now.unreachable());
        head.set(now.head().isPresent() ? now.head().getAsLong() : -1);
        handoffs.set(now.handoffs());
        owners.forEach(owner -> ranges.labelValues(owner).set(0));
        for (ClusterStatus.Range range : now.ranges()) {
            String owner = shortId(range.owner());
            owners.add(owner);
            ranges.labelValues(owner).inc(1);
            held.labelValues(Long.toString(range.range())).set(range.held());
            wanted.labelValues(Long.toString(range.range())).set(range.wanted());
        }
        tips.forEach(member -> tip.labelValues(member).set(0));
        now.tip()
                .ifPresent(
                        state -> {
                            tips.add(shortId(state.member()));
                            tip.labelValues(shortId(state.member())).set(1);
                        });
    }

    static String shortId(String member) {
        return member.substring(0, Math.min(16, member.length()));
    }
}
