package io.annals.rpc.http;

import io.annals.rpc.RpcSettings;
import io.annals.rpc.health.HealthSource;
import io.annals.rpc.jsonrpc.RpcDispatcher;
import io.annals.rpc.jsonrpc.RpcJson;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.rpc.ws.SubscriptionSource;
import io.annals.rpc.ws.WebSocketEndpoint;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.Executor;

/** The HTTP side's entry point: the channel initializer for the server's endpoints. */
public final class HttpChannels {
    private HttpChannels() {}

    /**
     * @param blockingExecutor renders /metrics (gauge callbacks may touch other components)
     * @param subscriptions what {@code eth_subscribe} over WebSocket opens
     */
    public static ChannelInitializer<SocketChannel> initializer(
            RpcSettings settings,
            RpcDispatcher dispatcher,
            HealthSource health,
            MetricsRegistry metrics,
            Executor blockingExecutor,
            SubscriptionSource subscriptions) {
        HttpEndpoints endpoints =
                new HttpEndpoints(
                        new JsonRpcEndpoint(dispatcher),
                        new HealthEndpoint(
                                health,
                                settings.requestTimeout(),
                                RpcJson.newMapper(settings.maxRequestSize())),
                        new MetricsEndpoint(metrics, blockingExecutor),
                        new WebSocketEndpoint(
                                dispatcher,
                                subscriptions,
                                settings.ws(),
                                settings.maxRequestSize(),
                                settings.corsOrigins()));
        return new RpcChannelInitializer(settings, endpoints, new ConnectionMetrics(metrics));
    }
}
