package io.annals.node;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.devnet.DevnetConfig;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.eth.EthSettings;
import io.annals.rpc.RpcSettings;
import io.annals.rpc.eth.HistorySettings;
import io.annals.store.StoreSettings;
import io.annals.sync.SyncSettings;
import java.util.Optional;

/**
 * Reads every module's settings once before anything starts, so a bad value stops the node with a
 * message naming its key rather than half-way through start-up (or not at all, for a section read
 * late). Also what {@code --print-config} checks.
 */
final class SettingsCheck {
    private SettingsCheck() {}

    /**
     * @return the chain the configuration selects; empty for the embedded devnet, whose chain is
     *     known only once it has started
     * @throws RuntimeException (a {@code ConfigException} or {@code IllegalArgumentException})
     *     naming the key
     */
    static Optional<ChainSpec> validate(Config config, NodeSettings node) {
        P2pSettings p2p = P2pSettings.fromConfig(config);
        if (p2p.listenPort() < 0 || p2p.listenPort() > 65_535) {
            throw new IllegalArgumentException(
                    "annals.p2p.listen-port must be 0..65535, got " + p2p.listenPort());
        }
        EthSettings.fromConfig(config);
        io.annals.p2p.Nat.parse(config.getString("annals.p2p.nat"));
        io.annals.p2p.discv4.Discv4Settings.fromConfig(config);
        io.annals.p2p.dns.DnsSettings.fromConfig(config);
        io.annals.p2p.peers.PeerSettings.fromConfig(config);
        config.getStringList("annals.p2p.discovery.bootnodes")
                .forEach(io.annals.p2p.identity.Enode::parse);
        SyncSettings.fromConfig(config);
        StoreSettings store = StoreSettings.fromConfig(config);
        if (store.startBlock() < 0) {
            throw new IllegalArgumentException(
                    "annals.store.start-block must not be negative, got " + store.startBlock());
        }
        if (node.endBlock().isPresent() && node.endBlock().getAsLong() < store.startBlock()) {
            throw new IllegalArgumentException(
                    "annals.node.end-block "
                            + node.endBlock().getAsLong()
                            + " is below annals.store.start-block "
                            + store.startBlock());
        }
        RpcSettings.fromConfig(config);
        HistorySettings.fromConfig(config);
        if (node.embeddedDevnet()) {
            DevnetConfig.fromConfig(config);
            return Optional.empty();
        }
        return Optional.of(ChainSelection.resolve(config, node.network()));
    }
}
