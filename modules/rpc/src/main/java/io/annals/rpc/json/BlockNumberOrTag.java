package io.annals.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The default block parameter: a block number or a {@link BlockTag}. Parsed like go-ethereum's
 * {@code rpc.BlockNumber}: a JSON string holding a tag or a uint64 quantity no larger than int64.
 *
 * @see <a href="https://ethereum.org/en/developers/docs/apis/json-rpc/#default-block">default
 *     block</a>
 */
public sealed interface BlockNumberOrTag
        permits BlockNumberOrTag.Numbered, BlockNumberOrTag.Tagged {

    /** A block by number; never negative. */
    record Numbered(long number) implements BlockNumberOrTag {
        public Numbered {
            if (number < 0) {
                throw new IllegalArgumentException("a block number is never negative: " + number);
            }
        }

        @Override
        public String toJson() {
            return Quantity.encode(number);
        }
    }

    /** A block by name. */
    record Tagged(BlockTag tag) implements BlockNumberOrTag {
        @Override
        public String toJson() {
            return tag.jsonName();
        }
    }

    /** The JSON string form: a tag name or a quantity. */
    String toJson();

    static BlockNumberOrTag of(long number) {
        return new Numbered(number);
    }

    static BlockNumberOrTag of(BlockTag tag) {
        return new Tagged(tag);
    }

    static BlockNumberOrTag parse(JsonNode node) {
        return parse(Quantity.requireText(node, "block number"));
    }

    static BlockNumberOrTag parse(String text) {
        var tag = BlockTag.fromJsonName(text);
        if (tag.isPresent()) {
            return new Tagged(tag.get());
        }
        long number = Quantity.parseUint64(text);
        if (number < 0) {
            throw new JsonFormatException("block number larger than int64");
        }
        return new Numbered(number);
    }
}
