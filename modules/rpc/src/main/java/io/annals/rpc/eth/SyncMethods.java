package io.annals.rpc.eth;

import io.annals.rpc.json.Quantity;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcMethods;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code eth_syncing}: {@code false} once the node follows the head, else geth's block counters
 * {@code currentBlock}, {@code highestBlock}, {@code startingBlock} (geth writes a map, so in
 * sorted order; its state-sync counters do not apply to a history node and are left out).
 */
final class SyncMethods {
    private final SyncStatusSource sync;

    SyncMethods(SyncStatusSource sync) {
        this.sync = sync;
    }

    void register(RpcMethods.Builder methods) {
        methods.async(
                "eth_syncing", Arity.none(), p -> CompletableFuture.completedFuture(syncing()));
    }

    private Object syncing() {
        return sync.progress()
                .<Object>map(
                        progress -> {
                            Map<String, String> out = new LinkedHashMap<>();
                            out.put("currentBlock", Quantity.encode(progress.currentBlock()));
                            out.put("highestBlock", Quantity.encode(progress.highestBlock()));
                            out.put("startingBlock", Quantity.encode(progress.startingBlock()));
                            return out;
                        })
                .orElse(Boolean.FALSE);
    }
}
