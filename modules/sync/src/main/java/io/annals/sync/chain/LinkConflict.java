package io.annals.sync.chain;

import io.annals.core.types.Hash;
import java.util.Objects;

/**
 * Two chains that cannot both be right: at block {@code height}, the stored chain has (or its
 * stored block above names as parent) the block {@code stored}, while a peer's block has (or names
 * as parent) {@code incoming}. One of them is not the canonical chain; the head tracker finds out
 * which (see {@link ConflictInquiry}).
 */
public record LinkConflict(long height, Hash stored, Hash incoming) {

    public LinkConflict {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(incoming, "incoming");
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative: " + height);
        }
    }

    @Override
    public String toString() {
        return "block " + height + ": stored " + stored + ", incoming " + incoming;
    }
}
