package io.annals.node.service;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.rpc.NodeIdentity;
import io.annals.rpc.RpcServer;
import io.annals.rpc.RpcSettings;
import io.annals.rpc.eth.HistoryApi;
import io.annals.rpc.eth.HistorySettings;
import io.annals.rpc.eth.ReorgListener;
import io.annals.rpc.eth.SyncStatusSource;
import io.annals.rpc.health.HealthSource;
import io.annals.rpc.jsonrpc.RpcJson;
import io.annals.rpc.methods.NetMethods;
import io.annals.rpc.methods.RpcMethods;
import io.annals.rpc.methods.Web3Methods;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.rpc.upstream.StateMethods;
import io.annals.rpc.upstream.UpstreamSettings;
import io.annals.store.HistoryReader;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * JSON-RPC for the node: the web3/net methods, the history methods over the store and the state
 * methods (refused, or forwarded to {@code annals.rpc.upstream}), with {@code /health} and {@code
 * /metrics} on the same port. The history methods exist even with RPC disabled, so that rollbacks
 * always have a listener; only the server is optional.
 */
final class RpcStack implements AutoCloseable {
    private final HistoryApi history;
    private final Optional<RpcServer> server;

    private RpcStack(HistoryApi history, Optional<RpcServer> server) {
        this.history = history;
        this.server = server;
    }

    static RpcStack start(
            Config config,
            ChainSpec chain,
            HistoryReader store,
            String clientId,
            SyncStatusSource syncStatus,
            HealthSource health,
            MetricsRegistry metrics,
            IntSupplier peerCount) {
        RpcSettings settings = RpcSettings.fromConfig(config);
        HistoryApi history =
                HistoryApi.create(store, chain, syncStatus, HistorySettings.fromConfig(config));
        if (!settings.enabled()) {
            return new RpcStack(history, Optional.empty());
        }
        history.registerMetrics(metrics);
        RpcMethods methods =
                RpcMethods.builder()
                        .addAll(
                                Web3Methods.create(
                                        new NodeIdentity(
                                                clientId, chain.chainId(), chain.networkId())))
                        .addAll(history.methods())
                        .addAll(NetMethods.create(peerCount))
                        .addAll(
                                StateMethods.create(
                                        UpstreamSettings.fromConfig(config),
                                        settings.maxResponseSize(),
                                        RpcJson.newMapper(settings.maxRequestSize())))
                        .build();
        return new RpcStack(
                history,
                Optional.of(
                        RpcServer.start(
                                settings, methods, health, metrics, history.subscriptions())));
    }

    /**
     * What the node calls after the store dropped blocks, so filters report their logs as removed.
     */
    ReorgListener reorgListener() {
        return history.reorgListener();
    }

    Optional<InetSocketAddress> address() {
        return server.map(RpcServer::address);
    }

    @Override
    public void close() {
        server.ifPresent(RpcServer::close);
        history.close();
    }
}
