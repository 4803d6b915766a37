package io.annals.rpc.ws;

import io.annals.rpc.eth.json.JsonWritable;
import io.annals.rpc.methods.ErrorCodes;
import io.annals.rpc.methods.RpcException;
import io.annals.rpc.methods.RpcParams;

/**
 * What {@code eth_subscribe} opens: the history API implements it (new heads, logs). A WebSocket
 * connection owns the subscriptions it opened and closes them when it closes.
 */
public interface SubscriptionSource {

    /**
     * Opens the subscription {@code params} describe (position 0 the kind, the rest its arguments),
     * delivering to {@code sink} until closed.
     *
     * @throws RpcException for an unknown kind or bad arguments
     */
    Subscription open(RpcParams params, Sink sink);

    /** A running subscription. */
    interface Subscription {
        void close();
    }

    /** Where a subscription's results go, in order. */
    @FunctionalInterface
    interface Sink {
        /**
         * Sends one result; false when the connection is gone or was dropped as too slow, after
         * which the subscription stops.
         */
        boolean push(JsonWritable result);
    }

    /** No subscriptions (a server without the history API). */
    static SubscriptionSource none() {
        return (params, sink) -> {
            throw unknownKind(params.get(0).asText());
        };
    }

    /** geth's answer for a kind it does not serve. */
    static RpcException unknownKind(String kind) {
        return new RpcException(
                ErrorCodes.METHOD_NOT_FOUND, "no \"" + kind + "\" subscription in eth namespace");
    }
}
