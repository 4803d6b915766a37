package io.annals.devnet.serve;

import io.annals.core.types.Hash;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The devnet's current branch: what the generated store holds, through the shared encoded cache.
 */
public final class CanonicalChain implements ChainVersion {
    private final EncodedChain chain;
    private final int branch;

    public CanonicalChain(EncodedChain chain, int branch) {
        this.chain = chain;
        this.branch = branch;
    }

    @Override
    public int branch() {
        return branch;
    }

    @Override
    public Optional<byte[]> headerRlp(long number) {
        return chain.headerRlp(number);
    }

    @Override
    public OptionalLong numberOf(Hash hash) {
        return chain.numberOf(hash);
    }

    @Override
    public Optional<byte[]> bodyRlp(Hash hash) {
        return chain.bodyRlp(hash);
    }

    @Override
    public Optional<byte[]> receiptsEth69(Hash hash) {
        return chain.receiptsEth69(hash);
    }

    @Override
    public Optional<byte[]> receiptsEth68(Hash hash) {
        return chain.receiptsEth68(hash);
    }

    @Override
    public String toString() {
        return "canonical branch " + branch;
    }
}
