package io.annals.node.service;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Chains;
import io.annals.core.chain.NetworkPeers;
import io.annals.node.NodeSettings;
import io.annals.p2p.identity.Enode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a node starts from.
 *
 * @param config the whole resolved configuration (every module reads its own section)
 * @param chain the chain to follow, already resolved from the network or the embedded devnet
 * @param dataDir where the store and node key live (created if missing)
 * @param network where discovery starts when the configuration names no bootnodes or DNS lists (the
 *     chain's own, or the embedded devnet's bootnode)
 * @param extraPeers static peers besides {@code annals.p2p.static-peers}
 * @param out where the progress line goes (stdout)
 */
public record NodeContext(
        Config config,
        NodeSettings settings,
        ChainSpec chain,
        NetworkPeers network,
        Path dataDir,
        List<Enode> extraPeers,
        PrintStream out) {

    public NodeContext {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(out, "out");
        extraPeers = List.copyOf(extraPeers);
    }

    /**
     * A node of a chain that starts discovery from the chain's own peers ({@link Chains#peersOf}).
     */
    public NodeContext(
            Config config,
            NodeSettings settings,
            ChainSpec chain,
            Path dataDir,
            List<Enode> extraPeers,
            PrintStream out) {
        this(config, settings, chain, Chains.peersOf(chain), dataDir, extraPeers, out);
    }
}
