package io.annals.rpc.methods;

import io.annals.rpc.json.Quantity;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * {@code net_peerCount} (connected devp2p peers, a quantity) and {@code net_listening} (always
 * true, as geth's {@code NetAPI.Listening}).
 */
public final class NetMethods {
    private static final CompletableFuture<Boolean> LISTENING =
            CompletableFuture.completedFuture(Boolean.TRUE);

    private NetMethods() {}

    /**
     * @param peers the number of connected peers; read on the event loop, so it must not block
     */
    public static RpcMethods create(IntSupplier peers) {
        return RpcMethods.builder()
                .async(
                        "net_peerCount",
                        Arity.none(),
                        p -> CompletableFuture.completedFuture(Quantity.encode(peers.getAsInt())))
                .async("net_listening", Arity.none(), p -> LISTENING)
                .build();
    }
}
