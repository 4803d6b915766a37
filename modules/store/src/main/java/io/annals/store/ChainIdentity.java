package io.annals.store;

import io.annals.core.types.Hash;
import java.util.Objects;

/**
 * The chain a store belongs to; checked on every open so that one chain's data never mixes with
 * another's.
 */
public record ChainIdentity(long chainId, Hash genesisHash) {
    public ChainIdentity {
        Objects.requireNonNull(genesisHash, "genesisHash");
    }

    @Override
    public String toString() {
        return "chain " + chainId + " (genesis " + genesisHash + ")";
    }
}
