package io.annals.node.monitor;

import io.annals.sync.SyncStats;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on moves of the store's contiguous head, seen in successive snapshots: a rise re-reads what
 * we serve to peers (eth Status and BlockRangeUpdate); a fall means blocks were rolled back, which
 * the RPC filters must hear of ({@code ReorgListener}) before the served range is re-read.
 *
 * <p>This catches every rollback that lowers the contiguous head, at most one stats interval late.
 * A reorg that replaces blocks without lowering it is found by the filters themselves on their next
 * poll (they keep the hash of the last block they reported). When the sync engine reports its
 * rollbacks directly, the node connects them to {@link #rolledBack(long)} (see AnnalsNode).
 */
public final class HeadWatcher implements SyncMonitor.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HeadWatcher.class);

    private final Runnable servedRangeChanged;
    private final LongConsumer rollbackListener;
    private final boolean fallsAreRollbacks;
    private long lastHead;

    /**
     * @param initialHead the store's contiguous head at start, -1 when empty
     * @param servedRangeChanged re-reads the served range (eth's chainUpdated)
     * @param rollbackListener told the new head after blocks above it were dropped
     */
    public HeadWatcher(
            long initialHead, Runnable servedRangeChanged, LongConsumer rollbackListener) {
        this(initialHead, servedRangeChanged, rollbackListener, true);
    }

    /**
     * @param fallsAreRollbacks false on a cluster host: its engine's head counts only the ranges it
     *     owns and falls when it takes a new one; its rollbacks come from the engine ({@link
     *     #rolledBack(long)}) only
     */
    public HeadWatcher(
            long initialHead,
            Runnable servedRangeChanged,
            LongConsumer rollbackListener,
            boolean fallsAreRollbacks) {
        this.lastHead = initialHead;
        this.servedRangeChanged = servedRangeChanged;
        this.rollbackListener = rollbackListener;
        this.fallsAreRollbacks = fallsAreRollbacks;
    }

    @Override
    public void observed(SyncStats stats) {
        OptionalLong seen = SyncFigures.contiguousHead(stats);
        if (seen.isEmpty() || seen.getAsLong() == lastHead) {
            return;
        }
        long head = seen.getAsLong();
        if (head < lastHead && fallsAreRollbacks) {
            rolledBack(head);
            return;
        }
        lastHead = head;
        servedRangeChanged.run();
    }

    /**
     * Blocks above {@code newHead} were dropped: tell the RPC filters, then re-read what we serve.
     * On the monitor's thread, like {@link #observed} (a caller elsewhere hops there first).
     */
    public void rolledBack(long newHead) {
        LOG.info("store rolled back from {} to {}", lastHead, newHead);
        lastHead = newHead;
        rollbackListener.accept(newHead);
        servedRangeChanged.run();
    }
}
