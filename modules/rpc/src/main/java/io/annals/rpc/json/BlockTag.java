package io.annals.rpc.json;

import java.util.Locale;
import java.util.Optional;

/**
 * The named blocks of the default block parameter.
 *
 * @see <a href="https://ethereum.org/en/developers/docs/apis/json-rpc/#default-block">default
 *     block</a>
 */
public enum BlockTag {
    EARLIEST,
    LATEST,
    SAFE,
    FINALIZED,
    PENDING;

    /** The tag as written in JSON: {@code latest}, {@code earliest}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tag with this exact (lowercase) JSON name. */
    public static Optional<BlockTag> fromJsonName(String text) {
        for (BlockTag tag : values()) {
            if (tag.jsonName().equals(text)) {
                return Optional.of(tag);
            }
        }
        return Optional.empty();
    }
}
