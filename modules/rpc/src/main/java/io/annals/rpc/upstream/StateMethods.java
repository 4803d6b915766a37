package io.annals.rpc.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.ErrorCodes;
import io.annals.rpc.methods.RpcException;
import io.annals.rpc.methods.RpcMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The methods that need the state trie or a transaction pool, which a history node does not keep:
 * {@code eth_call}, {@code eth_getBalance}, {@code eth_estimateGas} and the others of {@link
 * #METHODS}. Without an upstream they answer -32601 naming the reason; with {@code
 * annals.rpc.upstream} set they are forwarded to that full node as they came (their parameters
 * untouched, checked by the upstream) and its answer, result or error, is passed back.
 */
public final class StateMethods {
    /** Every method answered only by a node that holds state (or a pool). */
    public static final List<String> METHODS =
            List.of(
                    "eth_call",
                    "eth_estimateGas",
                    "eth_createAccessList",
                    "eth_simulateV1",
                    "eth_getBalance",
                    "eth_getCode",
                    "eth_getStorageAt",
                    "eth_getStorageValues",
                    "eth_getTransactionCount",
                    "eth_getProof",
                    "eth_sendRawTransaction");

    /** Parameters are the upstream's to check; any count passes through. */
    private static final Arity ANY = Arity.between(0, 16);

    private StateMethods() {}

    /**
     * @param maxResponseBytes the most an upstream answer may take (the server's response limit)
     */
    public static RpcMethods create(
            UpstreamSettings settings, long maxResponseBytes, ObjectMapper mapper) {
        RpcMethods.Builder methods = RpcMethods.builder();
        if (settings.url().isEmpty()) {
            for (String name : METHODS) {
                RpcException refusal = notKept(name);
                methods.async(name, ANY, p -> CompletableFuture.failedFuture(refusal));
            }
            return methods.build();
        }
        UpstreamClient client =
                new UpstreamClient(
                        settings.url().get(), settings.timeout(), maxResponseBytes, mapper);
        for (String name : METHODS) {
            methods.async(
                    name,
                    ANY,
                    p -> {
                        List<JsonNode> params = new ArrayList<>(p.size());
                        for (int i = 0; i < p.size(); i++) {
                            params.add(p.get(i));
                        }
                        return client.call(name, params);
                    });
        }
        return methods.build();
    }

    static RpcException notKept(String method) {
        return new RpcException(
                ErrorCodes.METHOD_NOT_FOUND,
                "the method "
                        + method
                        + " does not exist/is not available: this node keeps history, not state"
                        + " (set annals.rpc.upstream to forward it to a full node)");
    }
}
