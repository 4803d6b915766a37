package io.annals.devnet.serve;

import io.annals.core.crypto.Keccak256;
import io.annals.core.types.Hash;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One branch of the devnet's chain as a peer may still serve it: the current branch (the store), or
 * a branch a reorg retired while some peers had not yet heard of the reorg. Reads are of canonical
 * blocks of that branch; visibility (how far a peer has seen) is the peer view's business.
 */
public sealed interface ChainVersion permits CanonicalChain, RetiredBranch {
    /** 0 for the original chain, n after the n-th reorg. */
    int branch();

    Optional<byte[]> headerRlp(long number);

    OptionalLong numberOf(Hash hash);

    Optional<byte[]> bodyRlp(Hash hash);

    Optional<byte[]> receiptsEth69(Hash hash);

    Optional<byte[]> receiptsEth68(Hash hash);

    /** The hash of block {@code number} on this branch. */
    default Optional<Hash> hashOf(long number) {
        return headerRlp(number).map(Keccak256::hashOf);
    }
}
