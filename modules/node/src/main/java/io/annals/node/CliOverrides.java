package io.annals.node;

import io.annals.core.chain.Chains;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags that set configuration keys, and their keys. A flag not given leaves its key to the
 * config file and the defaults. Values that HOCON parses (durations like {@code 30s}, sizes like
 * {@code 5MiB}) are passed through as text and checked with the rest of the configuration.
 */
final class CliOverrides {

    @Option(
            names = "--network",
            paramLabel = "NAME",
            description =
                    "mainnet, sepolia, hoodi, devnet, or a chain-spec HOCON file with its own bootnodes (annals.node.network).")
    String network;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the store and node key live (annals.node.data-dir).")
    Path dataDir;

    @Option(
            names = "--start-block",
            paramLabel = "N",
            description = "The first block to keep (annals.store.start-block).")
    Long startBlock;

    @Option(
            names = "--end-block",
            paramLabel = "N",
            description =
                    "Sync up to this block, then stop syncing; do not follow the head (annals.node.end-block).")
    Long endBlock;

    @Option(
            names = "--static-peers",
            paramLabel = "ENODES",
            split = ",",
            description = "Comma-separated enode URLs to keep connected (annals.p2p.static-peers).")
    List<String> staticPeers;

    @Option(
            names = "--p2p-port",
            paramLabel = "PORT",
            description = "devp2p TCP port, 0 for any (annals.p2p.listen-port).")
    Integer p2pPort;

    @Option(
            names = "--max-peers",
            paramLabel = "N",
            description = "Most devp2p sessions (annals.p2p.max-peers).")
    Integer maxPeers;

    @Option(
            names = "--bootnodes",
            paramLabel = "ENODES",
            split = ",",
            description =
                    "Comma-separated enode URLs discovery starts from; default: the network's (annals.p2p.discovery.bootnodes).")
    List<String> bootnodes;

    @Option(
            names = "--nat",
            paramLabel = "MODE",
            description =
                    "auto, none or extip:<ip>: the address peers are told to dial (annals.p2p.nat).")
    String nat;

    @Option(
            names = "--discovery",
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            description = "Find peers with discv4 (annals.p2p.discovery.enabled).")
    Boolean discovery;

    @Option(
            names = "--discovery-port",
            paramLabel = "PORT",
            description = "discv4 UDP port; -1: the p2p port, 0: any (annals.p2p.discovery.port).")
    Integer discoveryPort;

    @Option(
            names = "--dns-lists",
            paramLabel = "URLS",
            split = ",",
            description =
                    "Comma-separated enrtree:// EIP-1459 node lists; default: the network's (annals.p2p.discovery.dns.lists).")
    List<String> dnsLists;

    @Option(
            names = "--dns-server",
            paramLabel = "HOST:PORT",
            description =
                    "Name server for the node lists; default: the system's (annals.p2p.discovery.dns.name-server).")
    String dnsServer;

    @Option(
            names = "--rpc-enabled",
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            description = "Serve JSON-RPC, /health and /metrics (annals.rpc.enabled).")
    Boolean rpcEnabled;

    @Option(
            names = "--rpc-host",
            paramLabel = "HOST",
            description = "RPC interface (annals.rpc.host).")
    String rpcHost;

    @Option(
            names = "--rpc-port",
            paramLabel = "PORT",
            description = "RPC port, 0 for any (annals.rpc.port).")
    Integer rpcPort;

    @Option(
            names = "--rpc-cors-origins",
            paramLabel = "ORIGINS",
            split = ",",
            description =
                    "Comma-separated origins allowed from browsers, * for all (annals.rpc.cors-origins).")
    List<String> rpcCorsOrigins;

    @Option(
            names = "--rpc-max-request-size",
            paramLabel = "SIZE",
            description = "e.g. 5MiB (annals.rpc.max-request-size).")
    String rpcMaxRequestSize;

    @Option(
            names = "--rpc-max-response-size",
            paramLabel = "SIZE",
            description = "e.g. 25MiB (annals.rpc.max-response-size).")
    String rpcMaxResponseSize;

    @Option(
            names = "--rpc-max-batch-size",
            paramLabel = "N",
            description = "Calls per batch (annals.rpc.max-batch-size).")
    Integer rpcMaxBatchSize;

    @Option(
            names = "--rpc-timeout",
            paramLabel = "DURATION",
            description = "e.g. 30s (annals.rpc.request-timeout).")
    String rpcTimeout;

    @Option(
            names = "--rpc-max-block-range",
            paramLabel = "N",
            description = "Widest eth_getLogs range (annals.rpc.get-logs.max-block-range).")
    Long rpcMaxBlockRange;

    @Option(
            names = "--rpc-max-logs",
            paramLabel = "N",
            description = "Most logs per eth_getLogs (annals.rpc.get-logs.max-logs).")
    Integer rpcMaxLogs;

    @Option(
            names = "--rpc-upstream",
            paramLabel = "URL",
            description =
                    "Full node to forward eth_call, eth_getBalance and the other state methods to (annals.rpc.upstream).")
    String rpcUpstream;

    @Option(
            names = "--cluster",
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            description = "Run as a member of a cluster of hosts (annals.cluster.enabled).")
    Boolean cluster;

    @Option(
            names = "--cluster-host",
            paramLabel = "HOST",
            description = "The address other hosts reach this one at (annals.cluster.host).")
    String clusterHost;

    @Option(
            names = "--cluster-port",
            paramLabel = "PORT",
            description = "Cluster TCP port, 0 for any (annals.cluster.port).")
    Integer clusterPort;

    @Option(
            names = "--cluster-seed-nodes",
            paramLabel = "HOST:PORT",
            split = ",",
            description = "Comma-separated hosts to join through (annals.cluster.seed-nodes).")
    List<String> clusterSeedNodes;

    @Option(
            names = "--cluster-min-members",
            paramLabel = "N",
            description = "Members up before ranges are allocated (annals.cluster.min-members).")
    Integer clusterMinMembers;

    @Option(
            names = "--cluster-shard-blocks",
            paramLabel = "N",
            description = "Blocks per history range (annals.cluster.shard-blocks).")
    Long clusterShardBlocks;

    @Option(
            names = "--progress-interval",
            paramLabel = "DURATION",
            description = "Progress line period, 0s for none (annals.node.progress-interval).")
    String progressInterval;

    @Option(
            names = "--devnet",
            description =
                    "Run a local devnet in this process and sync from it (annals.node.embedded-devnet).")
    boolean devnet;

    /** The flags given, as configuration paths to values. */
    Map<String, Object> toConfigValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (network != null) {
            values.put("annals.node.network", network);
            // a built-in network brings its chain: the flag wins over an annals.chain of a config
            // file
            Chains.byName(network).ifPresent(chain -> values.put("annals.chain", chain.name()));
        }
        put(values, "annals.node.data-dir", dataDir == null ? null : dataDir.toString());
        put(values, "annals.store.start-block", startBlock);
        put(values, "annals.node.end-block", endBlock);
        put(values, "annals.p2p.static-peers", staticPeers == null ? null : trimmed(staticPeers));
        put(values, "annals.p2p.listen-port", p2pPort);
        put(values, "annals.p2p.max-peers", maxPeers);
        put(
                values,
                "annals.p2p.discovery.bootnodes",
                bootnodes == null ? null : trimmed(bootnodes));
        put(values, "annals.p2p.nat", nat);
        put(values, "annals.p2p.discovery.enabled", discovery);
        put(values, "annals.p2p.discovery.port", discoveryPort);
        put(values, "annals.p2p.discovery.dns.lists", dnsLists == null ? null : trimmed(dnsLists));
        put(values, "annals.p2p.discovery.dns.name-server", dnsServer);
        put(values, "annals.rpc.enabled", rpcEnabled);
        put(values, "annals.rpc.host", rpcHost);
        put(values, "annals.rpc.port", rpcPort);
        put(
                values,
                "annals.rpc.cors-origins",
                rpcCorsOrigins == null ? null : trimmed(rpcCorsOrigins));
        put(values, "annals.rpc.max-request-size", rpcMaxRequestSize);
        put(values, "annals.rpc.max-response-size", rpcMaxResponseSize);
        put(values, "annals.rpc.max-batch-size", rpcMaxBatchSize);
        put(values, "annals.rpc.request-timeout", rpcTimeout);
        put(values, "annals.rpc.get-logs.max-block-range", rpcMaxBlockRange);
        put(values, "annals.rpc.get-logs.max-logs", rpcMaxLogs);
        put(values, "annals.rpc.upstream", rpcUpstream);
        put(values, "annals.node.progress-interval", progressInterval);
        put(values, "annals.cluster.enabled", cluster);
        put(values, "annals.cluster.host", clusterHost);
        put(values, "annals.cluster.port", clusterPort);
        put(
                values,
                "annals.cluster.seed-nodes",
                clusterSeedNodes == null ? null : trimmed(clusterSeedNodes));
        put(values, "annals.cluster.min-members", clusterMinMembers);
        put(values, "annals.cluster.shard-blocks", clusterShardBlocks);
        if (devnet) {
            values.put(ConfigLoader.EMBEDDED_DEVNET_KEY, true);
        }
        return values;
    }

    private static void put(Map<String, Object> values, String key, Object value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    private static List<String> trimmed(List<String> items) {
        return items.stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** The key each flag sets, for the README's table and its test. */
    static Map<String, String> keysByFlag() {
        Map<String, String> keys = new LinkedHashMap<>();
        Arrays.stream(CliOverrides.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(Option.class))
                .forEach(
                        field -> {
                            Option option = field.getAnnotation(Option.class);
                            String description = String.join(" ", option.description());
                            int open = description.lastIndexOf('(');
                            keys.put(
                                    option.names()[0],
                                    description.substring(open + 1, description.length() - 2));
                        });
        return keys;
    }
}
