package io.annals.cluster;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code annals.cluster} section (reference.conf explains each key). Off by default: a single
 * host needs none of it. Invalid values fail at start-up with the key named.
 *
 * @param host the address other hosts reach this one at (Artery's canonical host name)
 * @param port Artery's TCP port; 0 picks a free one (a seed node needs a fixed one)
 * @param seedNodes {@code host:port} of the hosts to join through; this host's own address first on
 *     the host that may start the cluster
 * @param minMembers members that must be up before ranges are allocated
 * @param shardBlocks blocks per history range (one sharding entity each)
 * @param keepLeftovers keep blocks of ranges owned elsewhere (true) or drop them once their owner
 *     holds them
 */
public record ClusterSettings(
        boolean enabled,
        String host,
        int port,
        List<String> seedNodes,
        int minMembers,
        long shardBlocks,
        boolean keepLeftovers,
        Duration readTimeout,
        int maxReadsInFlight,
        Duration publishInterval,
        Duration handoverTimeout,
        Duration stableAfter) {

    public static final String PATH = "annals.cluster";

    public ClusterSettings {
        Objects.requireNonNull(host, "host");
        seedNodes = List.copyOf(seedNodes);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PATH + ".port must be 0..65535, got " + port);
        }
        for (String seed : seedNodes) {
            if (!seed.matches("[^:\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException(
                        PATH + ".seed-nodes entries are host:port, got \"" + seed + "\"");
            }
        }
        if (enabled && seedNodes.isEmpty()) {
            throw new IllegalArgumentException(
                    PATH
                            + ".seed-nodes must name at least one host:port when the cluster is enabled");
        }
        if (minMembers < 1) {
            throw new IllegalArgumentException(
                    PATH + ".min-members must be positive, got " + minMembers);
        }
        if (shardBlocks < 1) {
            throw new IllegalArgumentException(
                    PATH + ".shard-blocks must be positive, got " + shardBlocks);
        }
        if (maxReadsInFlight < 1) {
            throw new IllegalArgumentException(
                    PATH + ".max-reads-in-flight must be positive, got " + maxReadsInFlight);
        }
        requirePositive("read-timeout", readTimeout);
        requirePositive("publish-interval", publishInterval);
        requirePositive("handover-timeout", handoverTimeout);
        requirePositive("split-brain.stable-after", stableAfter);
    }

    public static ClusterSettings fromConfig(Config root) {
        Config c = root.getConfig(PATH);
        String leftovers = c.getString("leftovers");
        if (!leftovers.equals("keep") && !leftovers.equals("drop")) {
            throw new IllegalArgumentException(
                    PATH + ".leftovers must be keep or drop, got \"" + leftovers + "\"");
        }
        return new ClusterSettings(
                c.getBoolean("enabled"),
                c.getString("host"),
                c.getInt("port"),
                c.getStringList("seed-nodes"),
                c.getInt("min-members"),
                c.getLong("shard-blocks"),
                leftovers.equals("keep"),
                c.getDuration("read-timeout"),
                c.getInt("max-reads-in-flight"),
                c.getDuration("publish-interval"),
                c.getDuration("handover-timeout"),
                c.getDuration("split-brain.stable-after"));
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    PATH + "." + key + " must be positive, got " + value);
        }
    }
}
