package io.annals.rpc.eth;

import io.annals.core.types.BlockHeader;
import io.annals.store.FullBlock;
import io.annals.store.testing.MainnetLikeChain;
import java.util.List;

/**
 * Generated chains for the tests: small mainnet-shaped blocks (popular contracts and event
 * signatures repeat, as on mainnet) whose headers commit to their bodies and receipts.
 */
final class TestChains {
    private TestChains() {}

    /** {@code count} consecutive blocks from {@code first}. */
    static List<FullBlock> blocks(long seed, long first, int count) {
        return new MainnetLikeChain(seed, first, MainnetLikeChain.Shape.SMALL, true).next(count);
    }

    /**
     * {@code count} blocks on top of {@code parent}: a branch that differs from any other seed's.
     */
    static List<FullBlock> branch(long seed, BlockHeader parent, int count) {
        return new MainnetLikeChain(seed, parent.number() + 1, MainnetLikeChain.Shape.SMALL, true)
                .after(parent)
                .next(count);
    }
}
