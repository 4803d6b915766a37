package io.annals.node;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.core.config.ConfigSection;
import io.annals.devnet.DevnetConfig;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.eth.EthSettings;
import io.annals.rpc.RpcSettings;
import io.annals.rpc.eth.HistorySettings;
import io.annals.store.StoreSettings;
import io.annals.sync.SyncSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * Every module's settings, read once before anything starts, so a bad value stops the node with a
 * message naming its file, line and key rather than half-way through start-up (or never, for a
 * section read late); also what {@code --print-config} checks. Each record checks its own values in
 * its constructor; this one checks what ties two modules together.
 */
record NodeConfiguration(
        NodeSettings node,
        P2pSettings p2p,
        EthSettings eth,
        SyncSettings sync,
        StoreSettings store,
        RpcSettings rpc,
        HistorySettings history) {

    NodeConfiguration {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(store, "store");
        if (node.endBlock().isPresent() && node.endBlock().getAsLong() < store.startBlock()) {
            throw new IllegalArgumentException(
                    "node.end-block "
                            + node.endBlock().getAsLong()
                            + " is below annals.store.start-block "
                            + store.startBlock());
        }
    }

    /**
     * @throws com.typesafe.config.ConfigException naming the file, line and key of a bad value
     */
    static NodeConfiguration fromConfig(Config config) {
        NodeSettings node = NodeSettings.fromConfig(config);
        P2pSettings p2p = P2pSettings.fromConfig(config);
        EthSettings eth = EthSettings.fromConfig(config);
        // discovery's settings are read where the p2p stack starts; checked here, before anything
        io.annals.p2p.Nat.parse(config.getString("annals.p2p.nat"));
        io.annals.p2p.discv4.Discv4Settings.fromConfig(config);
        io.annals.p2p.dns.DnsSettings.fromConfig(config);
        io.annals.p2p.peers.PeerSettings.fromConfig(config);
        config.getStringList("annals.p2p.discovery.bootnodes")
                .forEach(io.annals.p2p.identity.Enode::parse);
        SyncSettings sync = SyncSettings.fromConfig(config);
        StoreSettings store = StoreSettings.fromConfig(config);
        RpcSettings rpc = RpcSettings.fromConfig(config);
        HistorySettings history = HistorySettings.fromConfig(config);
        if (node.embeddedDevnet()) {
            DevnetConfig.fromConfig(config);
        }
        return ConfigSection.at(config, "annals")
                .build(() -> new NodeConfiguration(node, p2p, eth, sync, store, rpc, history));
    }

    /**
     * The chain the configuration selects; empty for the embedded devnet, whose chain is known only
     * once it has started.
     */
    Optional<ChainSpec> chain(Config config) {
        return node.embeddedDevnet()
                ? Optional.empty()
                : Optional.of(ChainSelection.resolve(config, node.network()));
    }
}
