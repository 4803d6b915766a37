package io.annals.node.monitor;

import io.annals.p2p.discv4.Discv4Stats;
import io.annals.p2p.peers.PeerManagerStats;
import io.annals.rpc.metrics.MetricsRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The peer manager's and discovery's state as Prometheus gauges and as the tail of the progress
 * line:
 *
 * <pre>
 * annals_p2p_known_nodes                       nodes the manager may dial
 * annals_p2p_dialing                           dials in flight
 * annals_p2p_inbound_peers / _outbound_peers   sessions by direction
 * annals_p2p_eth68_peers / 69 / 70             sessions by eth version
 * annals_p2p_evicted_nodes                     nodes dropped as useless (while paused)
 * annals_discv4_table_nodes                    verified nodes in the Kademlia table
 * annals_discv4_malformed_packets / _rate_limited_packets / _unsolicited_packets
 * </pre>
 */
public final class PeerMetrics {
    private PeerMetrics() {}

    public static void register(
            MetricsRegistry metrics,
            Supplier<PeerManagerStats> peers,
            Supplier<Optional<Discv4Stats>> discovery) {
        metrics.gauge(
                "annals_p2p_known_nodes",
                "Nodes the peer manager may dial",
                () -> peers.get().knownNodes());
        metrics.gauge("annals_p2p_dialing", "Dials in flight", () -> peers.get().dialing());
        metrics.gauge(
                "annals_p2p_evicted_nodes",
                "Nodes dropped as useless, while paused",
                () -> peers.get().evicted().values().stream().mapToInt(Integer::intValue).sum());
        metrics.gauge("annals_p2p_inbound_peers", "Inbound sessions", () -> peers.get().inbound());
        metrics.gauge(
                "annals_p2p_outbound_peers", "Outbound sessions", () -> peers.get().outbound());
        for (int version : new int[] {68, 69, 70}) {
            metrics.gauge(
                    "annals_p2p_eth" + version + "_peers",
                    "Sessions that negotiated eth/" + version,
                    () -> peers.get().byEthVersion().getOrDefault(version, 0));
        }
        metrics.gauge(
                "annals_discv4_table_nodes",
                "Verified nodes in the discv4 table",
                () -> discovery.get().map(Discv4Stats::tableSize).orElse(0));
        metrics.gauge(
                "annals_discv4_malformed_packets",
                "discv4 datagrams that did not decode",
                () -> discovery.get().map(Discv4Stats::malformed).orElse(0L));
        metrics.gauge(
                "annals_discv4_rate_limited_packets",
                "discv4 datagrams dropped by the per-address rate limit",
                () -> discovery.get().map(Discv4Stats::rateLimited).orElse(0L));
        metrics.gauge(
                "annals_discv4_unsolicited_packets",
                "discv4 replies nobody asked for and queries without an endpoint proof",
                () -> discovery.get().map(Discv4Stats::unsolicited).orElse(0L));
    }

    /**
     * " nodes: table 28, known 31, dialing 2, eth/68 0 eth/69 3 eth/70 3" for the progress line.
     */
    public static String summary(PeerManagerStats peers, Optional<Discv4Stats> discovery) {
        String versions =
                peers.byEthVersion().entrySet().stream()
                        .map(e -> "eth/" + e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(" "));
        return "  nodes: "
                + discovery.map(d -> "table " + d.tableSize() + ", ").orElse("")
                + "known "
                + peers.knownNodes()
                + ", dialing "
                + peers.dialing()
                + ", in/out "
                + peers.inbound()
                + "/"
                + peers.outbound()
                + (versions.isEmpty() ? "" : ", " + versions);
    }
}
