package io.annals.p2p.eth;

import io.annals.core.types.Hash;
import java.util.Objects;

/** Where a GetBlockHeaders query starts: a block number (unsigned 64-bit) or a block hash. */
public sealed interface BlockOrigin permits BlockOrigin.ByNumber, BlockOrigin.ByHash {

    static BlockOrigin number(long number) {
        return new ByNumber(number);
    }

    static BlockOrigin hash(Hash hash) {
        return new ByHash(hash);
    }

    record ByNumber(long number) implements BlockOrigin {
        @Override
        public String toString() {
            return "#" + Long.toUnsignedString(number);
        }
    }

    record ByHash(Hash hash) implements BlockOrigin {
        public ByHash {
            Objects.requireNonNull(hash, "hash");
        }

        @Override
        public String toString() {
            return hash.toString();
        }
    }
}
