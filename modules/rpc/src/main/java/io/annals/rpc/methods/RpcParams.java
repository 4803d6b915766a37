package io.annals.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.rpc.json.BlockNumberOrHash;
import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.json.HexData;
import io.annals.rpc.json.JsonFormatException;
import io.annals.rpc.json.LogFilter;
import io.annals.rpc.json.LogFilterParser;
import io.annals.rpc.json.Quantity;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A call's positional parameters, already checked against the method's {@link Arity}: every
 * required position holds a non-null value. The typed accessors parse with the geth-compatible
 * codecs of {@code io.annals.rpc.json} and turn a malformed value into -32602 {@code "invalid
 * argument N: reason"}, as geth does.
 */
public final class RpcParams {
    private final List<JsonNode> values;

    private RpcParams(List<JsonNode> values) {
        this.values = values;
    }

    /**
     * Checks {@code raw} (the request's {@code params} member: absent, null or an array) against
     * {@code arity} with geth's rules and messages.
     *
     * @throws RpcException -32602 {@code "non-array args"}, {@code "too many arguments, want at
     *     most N"} or {@code "missing value for required argument N"}
     */
    public static RpcParams of(JsonNode raw, Arity arity) {
        List<JsonNode> values;
        if (raw == null || raw.isNull()) {
            values = List.of(); // "params" is optional; geth also takes null
        } else if (raw.isArray()) {
            values = toList(raw);
        } else {
            throw RpcException.invalidParams("non-array args");
        }
        for (int i = 0; i < values.size(); i++) {
            if (i >= arity.max()) {
                throw RpcException.invalidParams("too many arguments, want at most " + arity.max());
            }
            if (i < arity.required() && values.get(i).isNull()) {
                throw missing(i);
            }
        }
        if (values.size() < arity.required()) {
            throw missing(values.size());
        }
        return new RpcParams(values);
    }

    public int size() {
        return values.size();
    }

    /** Whether position {@code index} holds a value other than null. */
    public boolean has(int index) {
        return index < values.size() && !values.get(index).isNull();
    }

    /** The raw value at {@code index}; a JSON null when absent. */
    public JsonNode get(int index) {
        return index < values.size() ? values.get(index) : NullNode.getInstance();
    }

    /**
     * Parses the required position {@code index} with {@code parser}; an absent or null value is
     * reported missing, and a {@link JsonFormatException} becomes -32602 {@code invalid argument
     * N}.
     */
    public <T> T as(int index, Function<JsonNode, T> parser) {
        JsonNode value = get(index);
        if (value.isNull()) {
            throw missing(index);
        }
        try {
            return parser.apply(value);
        } catch (JsonFormatException e) {
            throw RpcException.invalidParams("invalid argument " + index + ": " + e.getMessage());
        }
    }

    /** Parses an optional position: empty when absent or null. */
    public <T> Optional<T> optional(int index, Function<JsonNode, T> parser) {
        return has(index) ? Optional.of(as(index, parser)) : Optional.empty();
    }

    /** A uint64 quantity, as a long's 64 bits. */
    public long uint64(int index) {
        return as(index, Quantity::parseUint64);
    }

    public BigInteger big256(int index) {
        return as(index, Quantity::parseBig256);
    }

    public BlockNumberOrTag blockNumberOrTag(int index) {
        return as(index, BlockNumberOrTag::parse);
    }

    public BlockNumberOrHash blockNumberOrHash(int index) {
        return as(index, BlockNumberOrHash::parse);
    }

    public Hash hash(int index) {
        return as(index, HexData::parseHash);
    }

    public Address address(int index) {
        return as(index, HexData::parseAddress);
    }

    public byte[] data(int index) {
        return as(index, HexData::decode);
    }

    public LogFilter logFilter(int index) {
        return as(index, LogFilterParser::parse);
    }

    public boolean bool(int index) {
        return as(
                index,
                node -> {
                    if (!node.isBoolean()) {
                        throw new JsonFormatException("cannot unmarshal non-bool into bool");
                    }
                    return node.booleanValue();
                });
    }

    public String string(int index) {
        return as(
                index,
                node -> {
                    if (!node.isTextual()) {
                        throw new JsonFormatException("cannot unmarshal non-string into string");
                    }
                    return node.textValue();
                });
    }

    private static List<JsonNode> toList(JsonNode array) {
        JsonNode[] out = new JsonNode[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i);
        }
        return List.of(out);
    }

    private static RpcException missing(int index) {
        return RpcException.invalidParams("missing value for required argument " + index);
    }
}
