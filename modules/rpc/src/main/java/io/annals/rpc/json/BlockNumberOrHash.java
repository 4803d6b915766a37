package io.annals.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.types.Hash;

/**
 * A block given by number, tag or hash (EIP-1898). Accepts what go-ethereum's {@code
 * rpc.BlockNumberOrHash} accepts: a tag, a quantity or a 32-byte hash as a string, or an object
 * {@code {"blockNumber": ...}} / {@code {"blockHash": ..., "requireCanonical": bool}}.
 *
 * @see <a href="https://eips.ethereum.org/EIPS/eip-1898">EIP-1898</a>
 */
public sealed interface BlockNumberOrHash
        permits BlockNumberOrHash.ByNumber, BlockNumberOrHash.ByHash {

    record ByNumber(BlockNumberOrTag block) implements BlockNumberOrHash {}

    /**
     * A block by hash; {@code requireCanonical} asks for an error if it is not on the canonical
     * chain.
     */
    record ByHash(Hash hash, boolean requireCanonical) implements BlockNumberOrHash {}

    static BlockNumberOrHash parse(JsonNode node) {
        if (node != null && node.isObject()) {
            return parseObject(node);
        }
        String text = Quantity.requireText(node, "block number or hash");
        var tag = BlockTag.fromJsonName(text);
        if (tag.isPresent()) {
            return new ByNumber(BlockNumberOrTag.of(tag.get()));
        }
        if (text.length() == 2 + 2 * Hash.SIZE) {
            return new ByHash(HexData.parseHash(text), false);
        }
        long number = Quantity.parseUint64(text);
        if (number < 0) {
            throw new JsonFormatException("blocknumber too high");
        }
        return new ByNumber(BlockNumberOrTag.of(number));
    }

    private static BlockNumberOrHash parseObject(JsonNode node) {
        JsonNode number = node.get("blockNumber");
        JsonNode hash = node.get("blockHash");
        boolean hasNumber = number != null && !number.isNull();
        boolean hasHash = hash != null && !hash.isNull();
        if (hasNumber && hasHash) {
            throw new JsonFormatException(
                    "cannot specify both BlockHash and BlockNumber, choose one or the other");
        }
        if (!hasNumber && !hasHash) {
            throw new JsonFormatException("must specify either BlockHash or BlockNumber");
        }
        if (hasNumber) {
            return new ByNumber(BlockNumberOrTag.parse(number));
        }
        JsonNode canonical = node.get("requireCanonical");
        boolean requireCanonical = false;
        if (canonical != null && !canonical.isNull()) {
            if (!canonical.isBoolean()) {
                throw new JsonFormatException("cannot unmarshal non-bool into requireCanonical");
            }
            requireCanonical = canonical.booleanValue();
        }
        return new ByHash(HexData.parseHash(hash), requireCanonical);
    }
}
