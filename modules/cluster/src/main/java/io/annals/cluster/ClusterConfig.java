package io.annals.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * The actor system's configuration for a cluster host, derived from {@link ClusterSettings}: the
 * cluster provider over Artery TCP at the host's address, the Split Brain Resolver (keep-majority,
 * down-all-when-unstable), sharding with remembered entities in durable distributed data (LMDB in
 * the data directory), and the shutdown phase that waits for this host's ranges to be held
 * elsewhere before it leaves. The fixed part is {@code annals-cluster-pekko.conf}; what depends on
 * the operator's settings is derived here.
 */
public final class ClusterConfig {
    /** The shutdown phase in which a leaving host waits for its ranges to be taken over. */
    public static final String HANDOVER_PHASE = "annals-handover";

    private ClusterConfig() {}

    /** The settings to layer above the node's configuration (they win). */
    public static Config overlay(ClusterSettings settings, Path dataDir) {
        return derived(settings, dataDir)
                .withFallback(
                        ConfigFactory.parseResources(
                                ClusterConfig.class,
                                "/annals-cluster-pekko.conf",
                                ConfigParseOptions.defaults().setAllowMissing(false)));
    }

    private static Config derived(ClusterSettings settings, Path dataDir) {
        return ConfigFactory.parseMap(
                        Map.of(
                                "pekko.actor.provider",
                                "cluster",
                                "pekko.remote.artery.canonical.hostname",
                                settings.host(),
                                "pekko.remote.artery.canonical.port",
                                settings.port(),
                                "pekko.cluster.split-brain-resolver.stable-after",
                                settings.stableAfter().toMillis() + "ms",
                                "pekko.cluster.sharding.distributed-data.durable.lmdb.dir",
                                dataDir.resolve("cluster-ddata").toAbsolutePath().toString(),
                                "pekko.coordinated-shutdown.phases." + HANDOVER_PHASE + ".timeout",
                                settings.handoverTimeout().toMillis() + "ms"),
                        "annals.cluster")
                .withFallback(
                        ConfigFactory.parseMap(
                                Map.of(
                                        "pekko.coordinated-shutdown.phases."
                                                + HANDOVER_PHASE
                                                + ".depends-on",
                                        ConfigValueFactory.fromIterable(
                                                java.util.List.of(
                                                        "cluster-sharding-shutdown-region")),
                                        "pekko.coordinated-shutdown.phases.cluster-leave.depends-on",
                                        ConfigValueFactory.fromIterable(
                                                java.util.List.of(HANDOVER_PHASE)))));
    }
}
