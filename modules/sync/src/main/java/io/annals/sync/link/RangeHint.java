package io.annals.sync.link;

import io.annals.core.types.Hash;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a peer last announced about its chain: the lowest block it serves in full, its head number
 * when announced (eth/69+ Status and BlockRangeUpdate, or NewBlockHashes) and its head hash (every
 * Status). A hint, never a promise: announcements lag the head by up to an epoch (32 blocks), and
 * some clients announce an earliest block they cannot serve (or serve blocks below the one they
 * announce). Probes overrule it.
 *
 * @param earliest the lowest block the peer says it serves; 0 when it says nothing (eth/68)
 * @param latest the head number it announced, if any (an eth/68 Status carries only a hash)
 * @param headHash the hash of the head it announced
 */
public record RangeHint(long earliest, OptionalLong latest, Hash headHash) {

    public RangeHint {
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(headHash, "headHash");
        if (earliest < 0) {
            throw new IllegalArgumentException("earliest block must not be negative: " + earliest);
        }
    }

    /** This hint with a later head, when {@code number} is above the announced one. */
    public RangeHint withHeadAtLeast(long number, Hash hash) {
        if (latest.isPresent() && latest.getAsLong() >= number) {
            return this;
        }
        return new RangeHint(earliest, OptionalLong.of(number), hash);
    }
}
