package io.annals.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.json.BlockTag;
import org.junit.jupiter.api.Test;

/**
 * Arity checks and typed access, with go-ethereum's messages (rpc/json.go
 * parsePositionalArguments).
 */
class RpcParamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void absentOrNullParamsAreNoParams() {
        assertThat(RpcParams.of(null, Arity.none()).size()).isZero();
        assertThat(RpcParams.of(json("null"), Arity.between(0, 1)).size()).isZero();
        assertThat(RpcParams.of(json("[]"), Arity.none()).size()).isZero();
    }

    @Test
    void namedParamsAreRefused() {
        assertInvalid(json("{\"a\":1}"), Arity.exactly(1), "non-array args");
        assertInvalid(json("\"x\""), Arity.exactly(1), "non-array args");
    }

    @Test
    void missingRequiredArgumentsAreNamedByPosition() {
        assertInvalid(json("[]"), Arity.exactly(2), "missing value for required argument 0");
        assertInvalid(json("[\"0x1\"]"), Arity.exactly(2), "missing value for required argument 1");
        assertInvalid(
                json("[null, true]"), Arity.exactly(2), "missing value for required argument 0");
    }

    @Test
    void tooManyArgumentsAreRefused() {
        assertInvalid(json("[1]"), Arity.none(), "too many arguments, want at most 0");
        assertInvalid(json("[1,2,3]"), Arity.between(1, 2), "too many arguments, want at most 2");
    }

    @Test
    void optionalArgumentsMayBeAbsentOrNull() {
        RpcParams params = RpcParams.of(json("[\"latest\", null]"), Arity.between(1, 3));
        assertThat(params.blockNumberOrTag(0)).isEqualTo(BlockNumberOrTag.of(BlockTag.LATEST));
        assertThat(params.has(1)).isFalse();
        assertThat(params.has(2)).isFalse();
        assertThat(params.optional(1, JsonNode::asText)).isEmpty();
        assertThat(params.get(2).isNull()).isTrue();
    }

    @Test
    void typedAccessorsReportTheArgumentPosition() {
        RpcParams params =
                RpcParams.of(json("[\"0x01\", \"yes\", 5, \"0x1234\"]"), Arity.exactly(4));
        assertThatThrownBy(() -> params.uint64(0))
                .isInstanceOf(RpcException.class)
                .hasMessage("invalid argument 0: hex number with leading zero digits")
                .extracting(e -> ((RpcException) e).code())
                .isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThatThrownBy(() -> params.bool(1))
                .hasMessage("invalid argument 1: cannot unmarshal non-bool into bool");
        assertThatThrownBy(() -> params.string(2))
                .hasMessage("invalid argument 2: cannot unmarshal non-string into string");
        assertThatThrownBy(() -> params.address(3))
                .hasMessage(
                        "invalid argument 3: hex string has length 4, want 40 for common.Address");
    }

    @Test
    void typedAccessorsReadValidValues() {
        RpcParams params =
                RpcParams.of(json("[\"0x1a\", true, \"0xabcd\", \"s\"]"), Arity.exactly(4));
        assertThat(params.uint64(0)).isEqualTo(26);
        assertThat(params.bool(1)).isTrue();
        assertThat(params.data(2)).containsExactly(0xab, 0xcd);
        assertThat(params.string(3)).isEqualTo("s");
    }

    private static void assertInvalid(JsonNode raw, Arity arity, String message) {
        assertThatThrownBy(() -> RpcParams.of(raw, arity))
                .isInstanceOf(RpcException.class)
                .hasMessage(message)
                .extracting(e -> ((RpcException) e).code())
                .isEqualTo(ErrorCodes.INVALID_PARAMS);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
