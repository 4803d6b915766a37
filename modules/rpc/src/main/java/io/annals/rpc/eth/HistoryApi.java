package io.annals.rpc.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.rpc.eth.filters.FilterRegistry;
import io.annals.rpc.methods.RpcMethods;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.store.HistoryReader;
import java.util.function.LongSupplier;

/**
 * The JSON-RPC history methods indexers use, served from the history store with go-ethereum's
 * result shapes and errors. The node builds one and hands its {@link #methods()} to the RPC server
 * (next to {@code Web3Methods}) and its {@link #reorgListener()} to whatever rolls the store back:
 *
 * <pre>{@code
 * HistoryApi history = HistoryApi.create(store, chainSpec, syncStatus, HistorySettings.fromConfig(config));
 * RpcMethods methods = RpcMethods.builder()
 *         .addAll(Web3Methods.create(identity))
 *         .addAll(history.methods())
 *         .build();
 * RpcServer.start(rpcSettings, methods, health, metrics);
 * ... store.replaceAbove(n, blocks); history.reorgListener().chainRolledBack(n);
 * }</pre>
 *
 * <p>Methods: {@code eth_blockNumber}, {@code eth_syncing}, {@code eth_getBlockByNumber}, {@code
 * eth_getBlockByHash}, {@code eth_getBlockTransactionCountByNumber}/{@code ByHash}, {@code
 * eth_getTransactionByHash}, {@code eth_getTransactionByBlockNumberAndIndex}/ {@code
 * ByBlockHashAndIndex}, {@code eth_getTransactionReceipt}, {@code eth_getBlockReceipts}, {@code
 * eth_getLogs}, {@code eth_newFilter}, {@code eth_newBlockFilter}, {@code eth_getFilterChanges},
 * {@code eth_getFilterLogs}, {@code eth_uninstallFilter}.
 */
public final class HistoryApi {
    private final RpcMethods methods;
    private final FilterRegistry filters;
    private final SenderCache senders;

    private HistoryApi(RpcMethods methods, FilterRegistry filters, SenderCache senders) {
        this.methods = methods;
        this.filters = filters;
        this.senders = senders;
    }

    public static HistoryApi create(
            HistoryReader store, ChainSpec chain, SyncStatusSource sync, HistorySettings settings) {
        return create(store, chain, sync, settings, System::nanoTime);
    }

    /**
     * @param nanoClock the clock filter expiry is measured with ({@code System::nanoTime}, or a
     *     test's)
     */
    public static HistoryApi create(
            HistoryReader store,
            ChainSpec chain,
            SyncStatusSource sync,
            HistorySettings settings,
            LongSupplier nanoClock) {
        ChainView view = new ChainView(store, settings.blockTags());
        SenderCache senders = new SenderCache(settings.senderCacheSize());
        BlockReads reads = new BlockReads(store, senders);
        LogQueries queries = new LogQueries(view, settings.getLogs());
        HistorySettings.Filters f = settings.filters();
        FilterRegistry filters =
                FilterRegistry.create(
                        store,
                        settings.getLogs().maxBlockRange(),
                        settings.getLogs().maxLogs(),
                        f.reorgWindow(),
                        f.maxRetainedLogs(),
                        f.maxFilters(),
                        f.idleTimeout(),
                        nanoClock);
        RpcMethods.Builder builder = RpcMethods.builder();
        new BlockMethods(view, reads).register(builder);
        new SyncMethods(sync).register(builder);
        new TransactionMethods(view, reads, new BlobFees(chain)).register(builder);
        new LogMethods(queries).register(builder);
        new FilterMethods(filters, queries).register(builder);
        return new HistoryApi(builder.build(), filters, senders);
    }

    public RpcMethods methods() {
        return methods;
    }

    /** What the node calls after every rollback of the store (see {@link ReorgListener}). */
    public ReorgListener reorgListener() {
        return filters;
    }

    /**
     * Registers {@code annals_rpc_filters_installed} and {@code annals_rpc_sender_recoveries}
     * (senders recovered rather than served from the cache) in the node's registry.
     */
    public void registerMetrics(MetricsRegistry metrics) {
        metrics.gauge(
                "annals_rpc_filters_installed", "Log and block filters installed", filters::size);
        metrics.gauge(
                "annals_rpc_sender_recoveries",
                "Transaction senders recovered (secp256k1) since start",
                senders::recoveries);
    }

    /** Installed filters (for metrics and tests). */
    public int installedFilters() {
        return filters.size();
    }

    /** Senders recovered so far rather than served from the cache (for metrics and tests). */
    public long senderRecoveries() {
        return senders.recoveries();
    }
}
