package io.annals.rpc.eth.subscriptions;

import io.annals.core.types.BlockHeader;
import io.annals.rpc.eth.ReorgListener;
import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.json.BlockTag;
import io.annals.rpc.json.LogFilter;
import io.annals.rpc.methods.RpcException;
import io.annals.rpc.methods.RpcParams;
import io.annals.rpc.ws.SubscriptionSource;
import io.annals.rpc.ws.WsSettings;
import io.annals.store.BlockReceipts;
import io.annals.store.HistoryReader;
import io.annals.store.LogEntry;
import io.annals.store.StoredReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code eth_subscribe} kinds of a history node: {@code newHeads} (each new canonical block's
 * header, the new branch's after a reorg) and {@code logs} (eth_getLogs' address and topic filter;
 * on a reorg the dropped logs again with {@code removed: true}, then the new ones, as geth does).
 * One thread follows the store's head ({@link ChainFollower}) every {@code poll-interval} while any
 * subscription is open, reads each new block's logs once and hands them to every subscription; a
 * rollback notice ({@link ReorgListener}) makes it look at once. Slow connections never hold it up:
 * a sink that cannot take more drops its connection (see the WebSocket endpoint).
 */
public final class SubscriptionHub implements SubscriptionSource, ReorgListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHub.class);

    private final HistoryReader store;
    private final WsSettings settings;
    private final int reorgWindow;
    private final int maxRetainedLogs;
    private final Predicate<LogFilter> filterCheck;
    private final ScheduledExecutorService thread;
    private final List<Active> active = new CopyOnWriteArrayList<>();
    private ChainFollower follower;
    private ScheduledFuture<?> ticking;

    /** An open subscription: exactly one of its two forms is set. */
    private final class Active implements Subscription {
        final SubscriptionSource.Sink heads;
        final LogSubscription logs;

        Active(SubscriptionSource.Sink heads, LogSubscription logs) {
            this.heads = heads;
            this.logs = logs;
        }

        @Override
        public void close() {
            active.remove(this);
        }
    }

    /**
     * @param reorgWindow blocks whose sent logs a logs subscription keeps for removal notices
     * @param filterCheck refuses filters past the query limits (throws)
     */
    public SubscriptionHub(
            HistoryReader store,
            WsSettings settings,
            int reorgWindow,
            int maxRetainedLogs,
            Predicate<LogFilter> filterCheck) {
        this.store = store;
        this.settings = settings;
        this.reorgWindow = reorgWindow;
        this.maxRetainedLogs = maxRetainedLogs;
        this.filterCheck = filterCheck;
        this.thread =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread t = new Thread(runnable, "annals-rpc-subscriptions");
                            t.setDaemon(true);
                            return t;
                        });
    }

    @Override
    public Subscription open(RpcParams params, Sink sink) {
        String kind = params.string(0);
        Active subscription;
        switch (kind) {
            case "newHeads" -> {
                if (params.size() > 1) {
                    throw RpcException.invalidParams("too many arguments, want at most 1");
                }
                subscription = new Active(sink, null);
            }
            case "logs" -> {
                LogFilter filter =
                        params.has(1)
                                ? params.logFilter(1)
                                : new LogFilter(
                                        new LogFilter.BlockRange(
                                                BlockNumberOrTag.of(BlockTag.LATEST),
                                                BlockNumberOrTag.of(BlockTag.LATEST)),
                                        List.of(),
                                        List.of());
                if (filter.scope() instanceof LogFilter.AtBlockHash) {
                    throw RpcException.invalidParams(
                            "a logs subscription follows new blocks: blockHash is not supported");
                }
                filterCheck.test(filter);
                subscription =
                        new Active(
                                null,
                                new LogSubscription(
                                        filter.addresses(),
                                        filter.topics(),
                                        sink,
                                        reorgWindow,
                                        maxRetainedLogs));
            }
            default -> throw SubscriptionSource.unknownKind(kind);
        }
        try {
            thread.submit(() -> start(subscription)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot subscribe", e.getCause());
        }
        return subscription;
    }

    /** On the hub's thread: a subscription starts at the block the follower last reported. */
    private void start(Active subscription) {
        if (follower == null) {
            follower = new ChainFollower(store, reorgWindow, settings.maxCatchUp());
        } else {
            tick(); // deliver what is due to the others first, so the new one starts at the head
        }
        active.add(subscription);
        if (ticking == null) {
            long period = settings.pollInterval().toNanos();
            ticking =
                    thread.scheduleWithFixedDelay(
                            this::safeTick, period, period, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void chainRolledBack(long newHead) {
        thread.execute(this::safeTick);
    }

    /** Subscriptions open now (for metrics and tests). */
    public int size() {
        return active.size();
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("subscriptions: reading new blocks failed; retrying at the next check", e);
        }
    }

    private void tick() {
        if (active.isEmpty()) {
            if (ticking != null) {
                ticking.cancel(false);
                ticking = null;
                follower = null; // the next subscription starts afresh at the head
            }
            return;
        }
        ChainFollower.Changes changes = follower.advance();
        if (changes.isEmpty()) {
            return;
        }
        boolean anyLogs = active.stream().anyMatch(a -> a.logs != null);
        if (!changes.dropped().isEmpty()) {
            for (Active a : active) {
                if (a.logs != null && !a.logs.dropped(changes.dropped())) {
                    a.close();
                }
            }
        }
        for (BlockHeader header : changes.added()) {
            List<LogEntry> logs = anyLogs ? logsOf(header) : List.of();
            for (Active a : active) {
                boolean open =
                        a.heads != null
                                ? a.heads.push(new HeadJson(header))
                                : a.logs.added(header.number(), header.hash(), logs);
                if (!open) {
                    a.close();
                }
            }
        }
    }

    private List<LogEntry> logsOf(BlockHeader header) {
        Optional<BlockReceipts> receipts = store.receipts(header.number());
        if (receipts.isEmpty() || !receipts.get().blockHash().equals(header.hash())) {
            return List.of(); // replaced meanwhile: the next check reports the reorg
        }
        List<LogEntry> logs = new ArrayList<>();
        for (StoredReceipt receipt : receipts.get().receipts()) {
            logs.addAll(receipt.logs());
        }
        return logs;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
