package io.annals.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code eth_getLogs} filter object the way go-ethereum's {@code FilterCriteria} does,
 * with its error messages: {@code blockHash} excludes {@code fromBlock}/{@code toBlock}; {@code
 * address} is one address or an array; {@code topics} has at most four positions, each {@code
 * null}, a hash, or an array of hashes (where a {@code null} makes the position a wildcard).
 */
public final class LogFilterParser {
    static final String BLOCK_HASH_WITH_RANGE =
            "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other";
    static final String EXCEED_MAX_TOPICS = "exceed max topics";
    static final String INVALID_TOPICS = "invalid topic(s)";

    private LogFilterParser() {}

    public static LogFilter parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new JsonFormatException("cannot unmarshal non-object into filter");
        }
        return new LogFilter(
                scope(node), addresses(node.get("address")), topics(node.get("topics")));
    }

    private static LogFilter.Scope scope(JsonNode node) {
        JsonNode hash = present(node.get("blockHash"));
        JsonNode from = present(node.get("fromBlock"));
        JsonNode to = present(node.get("toBlock"));
        if (hash != null) {
            if (from != null || to != null) {
                throw new JsonFormatException(BLOCK_HASH_WITH_RANGE);
            }
            return new LogFilter.AtBlockHash(HexData.parseHash(hash));
        }
        BlockNumberOrTag latest = BlockNumberOrTag.of(BlockTag.LATEST);
        return new LogFilter.BlockRange(
                from == null ? latest : BlockNumberOrTag.parse(from),
                to == null ? latest : BlockNumberOrTag.parse(to));
    }

    private static List<Address> addresses(JsonNode node) {
        node = present(node);
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            try {
                return List.of(decodeAddress(node.textValue()));
            } catch (JsonFormatException e) {
                throw new JsonFormatException("invalid address: " + e.getMessage());
            }
        }
        if (!node.isArray()) {
            throw new JsonFormatException("invalid addresses in query");
        }
        List<Address> addresses = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isTextual()) {
                throw new JsonFormatException("non-string address at index " + i);
            }
            try {
                addresses.add(decodeAddress(element.textValue()));
            } catch (JsonFormatException e) {
                throw new JsonFormatException(
                        "invalid address at index " + i + ": " + e.getMessage());
            }
        }
        return addresses;
    }

    private static List<List<Hash>> topics(JsonNode node) {
        node = present(node);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new JsonFormatException(INVALID_TOPICS);
        }
        if (node.size() > LogFilter.MAX_TOPIC_POSITIONS) {
            throw new JsonFormatException(EXCEED_MAX_TOPICS);
        }
        List<List<Hash>> positions = new ArrayList<>(node.size());
        for (JsonNode position : node) {
            positions.add(topicPosition(position));
        }
        return positions;
    }

    private static List<Hash> topicPosition(JsonNode position) {
        if (position.isNull()) {
            return List.of();
        }
        if (position.isTextual()) {
            return List.of(decodeTopic(position.textValue()));
        }
        if (!position.isArray()) {
            throw new JsonFormatException(INVALID_TOPICS);
        }
        if (position.size() > LogFilter.MAX_TOPICS_PER_POSITION) {
            throw new JsonFormatException(EXCEED_MAX_TOPICS);
        }
        List<Hash> alternatives = new ArrayList<>(position.size());
        for (JsonNode element : position) {
            if (element.isNull()) {
                return List.of(); // a null alternative matches anything: the position is a wildcard
            }
            if (!element.isTextual()) {
                throw new JsonFormatException(INVALID_TOPICS);
            }
            alternatives.add(decodeTopic(element.textValue()));
        }
        return alternatives;
    }

    private static Address decodeAddress(String text) {
        return Address.wrap(decodeSized(text, Address.SIZE, "address"));
    }

    private static Hash decodeTopic(String text) {
        return Hash.wrap(decodeSized(text, Hash.SIZE, "topic"));
    }

    /** geth decodes these with {@code hexutil.Decode} first, then checks the length in bytes. */
    private static byte[] decodeSized(String text, int size, String what) {
        byte[] bytes = HexData.decode(text);
        if (bytes.length != size) {
            throw new JsonFormatException(
                    "hex has invalid length "
                            + bytes.length
                            + " after decoding; expected "
                            + size
                            + " for "
                            + what);
        }
        return bytes;
    }

    /** Go reads an explicit JSON null like an absent field. */
    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
