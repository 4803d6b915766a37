package io.annals.devnet.serve;

import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A branch a reorg replaced, kept for the peers that have not yet switched: the blocks above the
 * fork point as they were (pre-encoded, in memory: a reorg is a few blocks deep), and below it
 * whatever the next version of the chain serves, since the two branches share everything up to the
 * fork point. The next version is the current branch until a later reorg retires that one too; then
 * {@link #successor} is moved to the newly retired branch, so a chain of retired branches always
 * resolves to the right blocks. Immutable but for that one link.
 */
public final class RetiredBranch implements ChainVersion {
    private final int branch;
    private final long forkPoint;
    private final List<EncodedBlock> blocks;
    private final Map<Hash, EncodedBlock> byHash = new HashMap<>();
    private volatile ChainVersion successor;

    /**
     * @param blocks the replaced blocks {@code forkPoint + 1 ..}, in order
     */
    public RetiredBranch(
            int branch, long forkPoint, List<EncodedBlock> blocks, ChainVersion successor) {
        this.branch = branch;
        this.forkPoint = forkPoint;
        this.blocks = List.copyOf(blocks);
        for (int i = 0; i < this.blocks.size(); i++) {
            EncodedBlock block = this.blocks.get(i);
            if (block.number() != forkPoint + 1 + i) {
                throw new IllegalArgumentException(
                        "retired block " + block.number() + " out of order");
            }
            byHash.put(block.hash(), block);
        }
        this.successor = successor;
    }

    /**
     * A later reorg retired {@code replaced}: if this branch defers to it below its fork point, it
     * defers to {@code retired} (the same blocks, now held in memory) from now on.
     */
    public void successorRetired(ChainVersion replaced, RetiredBranch retired) {
        if (successor == replaced) {
            successor = retired;
        }
    }

    public long forkPoint() {
        return forkPoint;
    }

    /** The highest block of this branch. */
    public long head() {
        return forkPoint + blocks.size();
    }

    @Override
    public int branch() {
        return branch;
    }

    @Override
    public Optional<byte[]> headerRlp(long number) {
        if (number > forkPoint) {
            return own(number).map(EncodedBlock::headerRlp);
        }
        return successor.headerRlp(number);
    }

    @Override
    public OptionalLong numberOf(Hash hash) {
        EncodedBlock block = byHash.get(hash);
        if (block != null) {
            return OptionalLong.of(block.number());
        }
        OptionalLong shared = successor.numberOf(hash);
        return shared.isPresent() && shared.getAsLong() <= forkPoint
                ? shared
                : OptionalLong.empty();
    }

    @Override
    public Optional<byte[]> bodyRlp(Hash hash) {
        EncodedBlock block = byHash.get(hash);
        return block != null
                ? Optional.of(block.bodyRlp())
                : shared(hash) ? successor.bodyRlp(hash) : Optional.empty();
    }

    @Override
    public Optional<byte[]> receiptsEth69(Hash hash) {
        EncodedBlock block = byHash.get(hash);
        return block != null
                ? Optional.of(block.receiptsEth69())
                : shared(hash) ? successor.receiptsEth69(hash) : Optional.empty();
    }

    @Override
    public Optional<byte[]> receiptsEth68(Hash hash) {
        EncodedBlock block = byHash.get(hash);
        if (block != null) {
            return Optional.of(
                    Receipts.encodeEth68List(Receipts.decodeEth69List(block.receiptsEth69())));
        }
        return shared(hash) ? successor.receiptsEth68(hash) : Optional.empty();
    }

    private boolean shared(Hash hash) {
        OptionalLong number = successor.numberOf(hash);
        return number.isPresent() && number.getAsLong() <= forkPoint;
    }

    private Optional<EncodedBlock> own(long number) {
        long index = number - forkPoint - 1;
        return index < blocks.size() ? Optional.of(blocks.get((int) index)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "retired branch " + branch + " above block " + forkPoint;
    }
}
