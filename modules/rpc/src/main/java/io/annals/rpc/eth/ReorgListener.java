package io.annals.rpc.eth;

/**
 * How the node tells the RPC layer that the store dropped blocks. The node calls it after every
 * {@code HistoryStore.rollbackAbove(n)} or {@code replaceAbove(n, ...)} has committed (on the
 * thread that wrote; the call reads the store briefly and never waits for RPC requests). Installed
 * log filters then report the logs they had delivered from dropped blocks again, with {@code
 * removed: true}, before the new branch's logs.
 *
 * <p>Filters also notice a changed chain on their own when they are polled (they keep the hash of
 * the last block they reported), so a missed or late call costs at most a few logs reported as
 * removed and then again as added; it never loses a removal.
 */
@FunctionalInterface
public interface ReorgListener {

    /** Every block above {@code newHead} was dropped (and may since have been replaced). */
    void chainRolledBack(long newHead);
}
