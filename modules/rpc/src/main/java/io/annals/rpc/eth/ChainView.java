package io.annals.rpc.eth;

import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.json.BlockTag;
import io.annals.store.BlockRange;
import io.annals.store.HistoryReader;
import java.util.List;
import java.util.OptionalLong;

/**
 * Block numbers as the RPC methods see them: the head is the store's contiguous head (every block
 * from the configured start block up to it is stored, so it never points above a gap and only a
 * reorg rollback lowers it), tags resolve against it, and blocks below the start block are history
 * this node does not keep (4444).
 *
 * <ul>
 *   <li>{@code latest}, {@code pending}: the contiguous head (Annals has no pending block);
 *   <li>{@code earliest}: the lowest stored block;
 *   <li>{@code safe}, {@code finalized}: the head minus {@code block-tags.safe-depth} / {@code
 *       finalized-depth} blocks; "not found" while that is below the start block.
 * </ul>
 */
public final class ChainView {
    private final HistoryReader store;
    private final HistorySettings.BlockTags tags;

    public ChainView(HistoryReader store, HistorySettings.BlockTags tags) {
        this.store = store;
        this.tags = tags;
    }

    public HistoryReader store() {
        return store;
    }

    /** The contiguous head; empty while the start block itself is not stored. */
    public OptionalLong head() {
        return store.contiguousHead();
    }

    /**
     * What {@code eth_blockNumber} answers: the contiguous head, or the block before the start
     * block while nothing is stored (so that the answer only ever grows as sync proceeds).
     */
    public long blockNumber() {
        OptionalLong head = head();
        return head.isPresent() ? head.getAsLong() : Math.max(store.startBlock() - 1, 0);
    }

    /**
     * The number a block parameter names, for single-block lookups; empty when no stored block has
     * that name yet (the answer is then {@code null}, as geth answers for an unknown block).
     *
     * @throws io.annals.rpc.methods.RpcException 4444 for a block below the start block; -32000
     *     when {@code safe} or {@code finalized} is not available yet
     */
    public OptionalLong resolve(BlockNumberOrTag block) {
        OptionalLong number =
                block instanceof BlockNumberOrTag.Numbered n
                        ? OptionalLong.of(n.number())
                        : resolveTag(((BlockNumberOrTag.Tagged) block).tag());
        if (number.isPresent()) {
            checkKept(number.getAsLong());
        }
        return number;
    }

    /**
     * A bound of a log range. {@code pending} is refused as geth does; with nothing stored yet,
     * {@code latest} and {@code earliest} name the start block, which the range check then reports
     * as unavailable.
     */
    public long resolveRangeBound(BlockNumberOrTag block) {
        if (block instanceof BlockNumberOrTag.Tagged t && t.tag() == BlockTag.PENDING) {
            throw HistoryErrors.pendingLogsUnsupported();
        }
        if (block instanceof BlockNumberOrTag.Numbered n) {
            return n.number();
        }
        return resolveTag(((BlockNumberOrTag.Tagged) block).tag()).orElse(store.startBlock());
    }

    /**
     * @throws io.annals.rpc.methods.RpcException 4444 when {@code number} is below the start block
     */
    public void checkKept(long number) {
        if (number < store.startBlock()) {
            throw HistoryErrors.prunedBlock();
        }
    }

    /** The runs of {@code from..to} this node does not hold. */
    public List<BlockRange> missingIn(long from, long to) {
        return store.missingIn(from, to);
    }

    private OptionalLong resolveTag(BlockTag tag) {
        return switch (tag) {
            case LATEST, PENDING -> head();
            case EARLIEST -> store.earliestBlock();
            case SAFE -> behindHead(tags.safeDepth(), "safe");
            case FINALIZED -> behindHead(tags.finalizedDepth(), "finalized");
        };
    }

    private OptionalLong behindHead(int depth, String name) {
        OptionalLong head = head();
        if (head.isEmpty() || head.getAsLong() - depth < store.startBlock()) {
            throw HistoryErrors.tagNotFound(name);
        }
        return OptionalLong.of(head.getAsLong() - depth);
    }
}
