package io.annals.node.monitor;

import io.annals.rpc.eth.SyncStatusSource;
import io.annals.sync.SyncStats;
import io.annals.sync.model.SyncMode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code eth_syncing} over the monitor's latest snapshot: geth's counters while the node is
 * catching up (historical sync, or following but more than {@code syncedLag} blocks behind), {@code
 * false} when it follows the head closely, has stored its end block, or knows of no network head at
 * all (no peers: nothing to sync from). Never blocks.
 */
public final class SyncStatus implements SyncStatusSource {
    private final SyncMonitor monitor;
    private final long startingBlock;
    private final long syncedLag;
    private final OptionalLong endBlock;

    /**
     * @param startingBlock where this run started: the store's contiguous head at start, or the
     *     start block
     */
    public SyncStatus(
            SyncMonitor monitor, long startingBlock, long syncedLag, OptionalLong endBlock) {
        this.monitor = monitor;
        this.startingBlock = startingBlock;
        this.syncedLag = syncedLag;
        this.endBlock = endBlock;
    }

    @Override
    public Optional<SyncProgress> progress() {
        return monitor.latest().flatMap(seen -> progress(seen.stats()));
    }

    private Optional<SyncProgress> progress(SyncStats stats) {
        long network = stats.networkHead();
        if (network < 0 || stats.failed()) {
            return Optional.empty();
        }
        long current = SyncFigures.contiguousHead(stats).orElse(startingBlock);
        boolean following = stats.mode() == SyncMode.FOLLOW && stats.lag() <= syncedLag;
        boolean ended = endBlock.isPresent() && current >= endBlock.getAsLong();
        if (following || ended) {
            return Optional.empty();
        }
        long highest = endBlock.isPresent() ? Math.min(network, endBlock.getAsLong()) : network;
        return Optional.of(new SyncProgress(startingBlock, current, Math.max(current, highest)));
    }
}
