package io.annals.rpc.eth.filters;

import io.annals.core.types.Hash;
import io.annals.rpc.eth.ReorgListener;
import io.annals.rpc.json.LogFilter;
import io.annals.rpc.methods.RandomIds;
import io.annals.rpc.methods.RpcException;
import io.annals.store.HistoryReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The installed filters of {@code eth_newFilter} and {@code eth_newBlockFilter}, polled with {@code
 * eth_getFilterChanges}. Bounded: at most {@code maxFilters} at once, and a filter not used for
 * {@code idleTimeout} (geth: 5 minutes) is removed, checked whenever the filter methods run. Each
 * filter's own state is guarded by its lock, so polls of different filters run in parallel on the
 * RPC blocking pool and polls of one filter run one after the other.
 *
 * <p>It is also the {@link ReorgListener} the node calls after a rollback: every filter settles at
 * once which of the blocks it reported were dropped.
 */
public final class FilterRegistry implements ReorgListener {
    private final ChainAccess chain;
    private final PollLimits limits;
    private final int maxFilters;
    private final long idleNanos;
    private final LongSupplier nanoClock;
    private final RandomIds ids = new RandomIds();
    private final Map<String, Installed> filters = new ConcurrentHashMap<>();

    /** A filter (its poll state guarded by the instance's lock) and when it was last used. */
    private static final class Installed {
        final LogPoll logs;
        final BlockPoll blocks;
        final LogFilter criteria;
        volatile long lastUsed;

        Installed(LogPoll logs, BlockPoll blocks, LogFilter criteria, long now) {
            this.logs = logs;
            this.blocks = blocks;
            this.criteria = criteria;
            this.lastUsed = now;
        }
    }

    FilterRegistry(
            ChainAccess chain,
            PollLimits limits,
            int maxFilters,
            Duration idleTimeout,
            LongSupplier nanoClock) {
        this.chain = chain;
        this.limits = limits;
        this.maxFilters = maxFilters;
        this.idleNanos = idleTimeout.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * @param maxBlocksPerPoll blocks one poll scans, {@code maxLogsPerPoll} logs it returns
     * @param nanoClock {@code System::nanoTime}, or a test's clock
     */
    public static FilterRegistry create(
            HistoryReader store,
            long maxBlocksPerPoll,
            int maxLogsPerPoll,
            int reorgWindow,
            int maxRetainedLogs,
            int maxFilters,
            Duration idleTimeout,
            LongSupplier nanoClock) {
        return new FilterRegistry(
                new StoreChainAccess(store),
                new PollLimits(maxBlocksPerPoll, maxLogsPerPoll, reorgWindow, maxRetainedLogs),
                maxFilters,
                idleTimeout,
                nanoClock);
    }

    /**
     * Installs a log filter reporting the logs matching {@code criteria} of blocks stored after
     * now.
     *
     * @param lowest the numeric fromBlock bound (0 when none), {@code highest} the toBlock bound
     *     ({@code Long.MAX_VALUE} when none); tags set no bound, as in geth
     */
    public String newLogFilter(LogFilter criteria, long lowest, long highest) {
        return install(
                () ->
                        new Installed(
                                new LogPoll(
                                        criteria.addresses(),
                                        criteria.topics(),
                                        lowest,
                                        highest,
                                        limits,
                                        chain),
                                null,
                                criteria,
                                nanoClock.getAsLong()));
    }

    /** Installs a block filter reporting the hashes of blocks stored after now. */
    public String newBlockFilter() {
        return install(
                () ->
                        new Installed(
                                null, new BlockPoll(limits, chain), null, nanoClock.getAsLong()));
    }

    /**
     * What the filter saw since its last poll: logs (dropped ones first, {@code removed: true}) for
     * a log filter, block hashes for a block filter.
     *
     * @throws RpcException geth's "filter not found"
     */
    public List<?> changes(String id) {
        Installed filter = use(id);
        synchronized (filter) {
            if (filter.logs != null) {
                return filter.logs.poll(chain);
            }
            return filter.blocks.poll(chain).stream().map(Hash::toHex).toList();
        }
    }

    /**
     * The criteria a log filter was installed with, for {@code eth_getFilterLogs}.
     *
     * @throws RpcException "filter not found", also for a block filter (as geth)
     */
    public LogFilter criteria(String id) {
        Installed filter = use(id);
        if (filter.criteria == null) {
            throw notFound();
        }
        return filter.criteria;
    }

    public boolean uninstall(String id) {
        sweep();
        return filters.remove(id) != null;
    }

    /** How many filters are installed (expired ones are counted until the next sweep). */
    public int size() {
        return filters.size();
    }

    @Override
    public void chainRolledBack(long newHead) {
        for (Installed filter : filters.values()) {
            synchronized (filter) {
                if (filter.logs != null) {
                    filter.logs.rolledBack(chain, newHead);
                } else {
                    filter.blocks.rolledBack(chain, newHead);
                }
            }
        }
    }

    private synchronized String install(Supplier<Installed> filter) {
        sweep();
        if (filters.size() >= maxFilters) {
            throw RpcException.serverError(
                    "too many filters installed ("
                            + maxFilters
                            + "); uninstall some "
                            + "or let idle ones expire");
        }
        String id = ids.next();
        filters.put(id, filter.get());
        return id;
    }

    private Installed use(String id) {
        sweep();
        Installed filter = filters.get(id);
        if (filter == null) {
            throw notFound();
        }
        filter.lastUsed = nanoClock.getAsLong();
        return filter;
    }

    /** Removes filters idle for longer than the timeout. */
    private void sweep() {
        long now = nanoClock.getAsLong();
        filters.values().removeIf(filter -> now - filter.lastUsed > idleNanos);
    }

    private static RpcException notFound() {
        return RpcException.serverError("filter not found");
    }
}
