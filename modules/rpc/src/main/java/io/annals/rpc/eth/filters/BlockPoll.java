package io.annals.rpc.eth.filters;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The state of one block filter ({@code eth_newBlockFilter}): the hashes of the blocks it reported,
 * newest last, for a window of blocks. A poll reports the hashes of the blocks stored since,
 * walking their headers so that each one's parent is the block reported before it; a broken link
 * means a reorg, and the filter steps back to the newest reported block that is still stored and
 * reports the new branch from there (as geth reports the blocks of the new chain). All methods are
 * called with the filter's lock held by the registry.
 */
final class BlockPoll {
    private final PollLimits limits;
    private final Deque<Reported> reported = new ArrayDeque<>();
    private long cursor;
    private Hash cursorHash;

    /**
     * Below the oldest block still listed in {@link #reported}: where a reorg deeper than the list
     * resumes.
     */
    private long floor;

    private record Reported(long number, Hash hash) {}

    BlockPoll(PollLimits limits, ChainAccess chain) {
        this.limits = limits;
        this.cursor = chain.head().orElse(chain.beforeFirstBlock());
        this.cursorHash = cursor < 0 ? null : chain.hashAt(cursor).orElse(null);
        this.floor = cursor;
    }

    List<Hash> poll(ChainAccess chain) {
        if (reorged(chain)) {
            rewind(chain, Long.MAX_VALUE);
        }
        List<Hash> out = new ArrayList<>();
        long head = chain.head().orElse(chain.beforeFirstBlock());
        long to = Math.min(head, cursor + limits.maxBlocks());
        for (long number = cursor + 1; number <= to; number++) {
            Optional<BlockHeader> header = chain.headerAt(number);
            if (header.isEmpty()
                    || (cursorHash != null && !header.get().parentHash().equals(cursorHash))) {
                break; // a reorg under the walk: the next poll sorts it out
            }
            cursor = number;
            cursorHash = header.get().hash();
            out.add(cursorHash);
            reported.addLast(new Reported(number, cursorHash));
            if (reported.size() > limits.reorgWindow()) {
                floor = reported.pollFirst().number();
            }
        }
        return out;
    }

    void rolledBack(ChainAccess chain, long newHead) {
        if (cursor > newHead && reorged(chain)) {
            rewind(chain, newHead);
        }
    }

    private boolean reorged(ChainAccess chain) {
        return cursorHash != null && !chain.hashAt(cursor).map(cursorHash::equals).orElse(false);
    }

    /** Back to the newest reported block still stored (and at most {@code bound}). */
    private void rewind(ChainAccess chain, long bound) {
        while (!reported.isEmpty()
                && (reported.peekLast().number() > bound
                        || !chain.hashAt(reported.peekLast().number())
                                .map(reported.peekLast().hash()::equals)
                                .orElse(false))) {
            reported.pollLast();
        }
        long head = chain.head().orElse(chain.beforeFirstBlock());
        long survivor = reported.isEmpty() ? floor : reported.peekLast().number();
        cursor = Math.max(Math.min(survivor, Math.min(head, bound)), chain.beforeFirstBlock());
        floor = Math.min(floor, cursor);
        cursorHash = cursor < 0 ? null : chain.hashAt(cursor).orElse(null);
    }
}
