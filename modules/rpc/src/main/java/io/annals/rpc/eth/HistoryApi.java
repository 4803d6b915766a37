package io.annals.rpc.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.rpc.eth.filters.FilterRegistry;
import io.annals.rpc.eth.json.AnswerCache;
import io.annals.rpc.eth.subscriptions.SubscriptionHub;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.ErrorCodes;
import io.annals.rpc.methods.RpcException;
import io.annals.rpc.methods.RpcMethods;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.rpc.ws.SubscriptionSource;
import io.annals.store.HistoryReader;
import java.util.concurrent.CompletableFuture;
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
 * {@code eth_getFilterLogs}, {@code eth_uninstallFilter}; {@code eth_getHeaderByNumber}/{@code
 * ByHash}, the uncle methods, {@code debug_getRawHeader}/{@code Block}/{@code Receipts}/{@code
 * Transaction}, {@code eth_getRawTransactionByHash}; {@code eth_feeHistory}, {@code
 * eth_blobBaseFee}, {@code eth_gasPrice}, {@code eth_maxPriorityFeePerGas}.
 */
public final class HistoryApi implements AutoCloseable {
    private static final RpcException NOTIFICATIONS_UNSUPPORTED =
            new RpcException(ErrorCodes.METHOD_NOT_FOUND, "notifications not supported");

    private final RpcMethods methods;
    private final FilterRegistry filters;
    private final SenderCache senders;
    private final SubscriptionHub subscriptions;
    private final AnswerCache answers;

    private HistoryApi(
            RpcMethods methods,
            FilterRegistry filters,
            SenderCache senders,
            SubscriptionHub subscriptions,
            AnswerCache answers) {
        this.methods = methods;
        this.filters = filters;
        this.senders = senders;
        this.subscriptions = subscriptions;
        this.answers = answers;
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
        BlobFees blobFees = new BlobFees(chain);
        AnswerCache answers =
                new AnswerCache(
                        settings.answerCache().maxBytes(),
                        settings.answerCache().newestBlocks(),
                        () -> view.head().orElse(-1));
        new BlockMethods(view, reads, answers).register(builder);
        new HeaderMethods(view, reads).register(builder);
        new RawMethods(view, reads).register(builder);
        new SyncMethods(sync).register(builder);
        new TransactionMethods(view, reads, blobFees, answers).register(builder);
        new FeeMethods(view, reads, blobFees, new BaseFees(chain)).register(builder);
        new LogMethods(queries, answers).register(builder);
        new FilterMethods(filters, queries).register(builder);
        SubscriptionHub subscriptions =
                new SubscriptionHub(
                        store,
                        settings.ws(),
                        f.reorgWindow(),
                        f.maxRetainedLogs(),
                        filter -> {
                            queries.checkQueryLimit(filter);
                            return true;
                        });
        // over HTTP there is no connection to notify (geth's words and code)
        builder.async(
                "eth_subscribe",
                Arity.between(1, 2),
                p -> CompletableFuture.failedFuture(NOTIFICATIONS_UNSUPPORTED));
        builder.async(
                "eth_unsubscribe",
                Arity.exactly(1),
                p -> CompletableFuture.failedFuture(NOTIFICATIONS_UNSUPPORTED));
        return new HistoryApi(builder.build(), filters, senders, subscriptions, answers);
    }

    public RpcMethods methods() {
        return methods;
    }

    /**
     * What the node calls after every rollback of the store (see {@link ReorgListener}): the
     * filters and the subscriptions hear of it.
     */
    public ReorgListener reorgListener() {
        return newHead -> {
            filters.chainRolledBack(newHead);
            subscriptions.chainRolledBack(newHead);
        };
    }

    /** What {@code eth_subscribe} opens over WebSocket: give it to {@code RpcServer.start}. */
    public SubscriptionSource subscriptions() {
        return subscriptions;
    }

    /** Stops the subscriptions' thread. */
    @Override
    public void close() {
        subscriptions.close();
    }

    /**
     * Registers {@code annals_rpc_subscriptions}, {@code annals_rpc_filters_installed} and {@code
     * annals_rpc_sender_recoveries} (senders recovered rather than served from the cache) in the
     * node's registry.
     */
    public void registerMetrics(MetricsRegistry metrics) {
        metrics.gauge(
                "annals_rpc_answer_cache_bytes",
                "JSON bytes of the newest blocks' answers kept in memory",
                answers::bytes);
        metrics.counter(
                "annals_rpc_answer_cache_hits_total",
                "Answers written from the newest blocks' cache",
                answers::hits);
        metrics.counter(
                "annals_rpc_answer_cache_misses_total",
                "Answers of the newest blocks encoded because the cache did not hold them",
                answers::misses);
        metrics.gauge(
                "annals_rpc_subscriptions",
                "eth_subscribe subscriptions open over WebSocket",
                subscriptions::size);
        metrics.gauge(
                "annals_rpc_filters_installed", "Log and block filters installed", filters::size);
        metrics.gauge(
                "annals_rpc_sender_recoveries",
                "Transaction senders recovered (secp256k1) since start",
                senders::recoveries);
    }

    /** The newest blocks' encoded answers (for metrics and tests). */
    public AnswerCache answerCache() {
        return answers;
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
