package io.annals.sync.chain;

import io.annals.core.types.Hash;
import io.annals.sync.model.PeerId;
import java.util.Objects;
import java.util.Set;

/**
 * A block hash the chain is anchored at: a head that enough connected peers announce or proved (the
 * same number and hash), or a checkpoint (no supporters needed). Headers walked down from it by
 * parent hash are the chain, whichever peer serves them: a hash cannot be forged.
 */
public record Anchor(long number, Hash hash, Set<PeerId> supporters) {

    public Anchor {
        Objects.requireNonNull(hash, "hash");
        supporters = Set.copyOf(supporters);
    }

    public static Anchor checkpoint(long number, Hash hash) {
        return new Anchor(number, hash, Set.of());
    }

    public boolean sameBlock(Anchor other) {
        return other != null && number == other.number && hash.equals(other.hash);
    }

    @Override
    public String toString() {
        return number
                + " ("
                + hash
                + (supporters.isEmpty() ? ", checkpoint)" : ", " + supporters.size() + " peers)");
    }
}
