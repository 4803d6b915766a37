package io.annals.rpc.methods;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.core.testing.FuzzContract;
import io.annals.rpc.jsonrpc.RpcJson;
import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The parameters of every method: whatever JSON a call's {@code params} holds, the arity check and
 * each typed accessor (quantities, 256-bit numbers, data, addresses, hashes, block numbers and
 * tags, EIP-1898 block number or hash, the eth_getLogs filter, booleans) either give a value or
 * fail with {@link RpcException} (-32602, the message the caller sees), never otherwise.
 */
class RpcParamsFuzzTest {
    private static final ObjectMapper MAPPER = RpcJson.newMapper(1 << 20);
    private static final FuzzContract CONTRACT = FuzzContract.of(256, RpcException.class);

    @FuzzTest
    void readsEveryParameterTypeOrFailsWithInvalidParams(byte[] input) {
        JsonNode params;
        try {
            params = MAPPER.readTree(input);
        } catch (IOException notJson) {
            return; // the request parser answers that (RequestParserFuzzTest)
        }
        RpcParams checked =
                CONTRACT.decode(input.length, () -> RpcParams.of(params, Arity.between(0, 4)));
        if (checked == null) {
            return;
        }
        List<IntFunction<Object>> accessors =
                List.of(
                        checked::uint64,
                        checked::big256,
                        checked::blockNumberOrTag,
                        checked::blockNumberOrHash,
                        checked::hash,
                        checked::address,
                        checked::data,
                        checked::logFilter,
                        checked::bool);
        for (int i = 0; i < checked.size(); i++) {
            int index = i;
            for (IntFunction<Object> accessor : accessors) {
                CONTRACT.decode(input.length, () -> accessor.apply(index));
            }
        }
    }
}
