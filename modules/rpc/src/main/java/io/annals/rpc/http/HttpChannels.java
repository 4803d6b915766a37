package io.annals.rpc.http;

import io.annals.rpc.RpcSettings;
import io.annals.rpc.health.HealthSource;
import io.annals.rpc.jsonrpc.RpcDispatcher;
import io.annals.rpc.jsonrpc.RpcJson;
import io.annals.rpc.metrics.MetricsRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.Executor;

/** The HTTP side's entry point: the channel initializer for the server's endpoints. */
public final class HttpChannels {
    private HttpChannels() {}

    /**
     * @param blockingExecutor renders /metrics (gauge callbacks may touch other components)
     */
    public static ChannelInitializer<SocketChannel> initializer(
            RpcSettings settings,
            RpcDispatcher dispatcher,
            HealthSource health,
            MetricsRegistry metrics,
            Executor blockingExecutor) {
        HttpEndpoints endpoints =
                new HttpEndpoints(
                        new JsonRpcEndpoint(dispatcher),
                        new HealthEndpoint(
                                health,
                                settings.requestTimeout(),
                                RpcJson.newMapper(settings.maxRequestSize())),
                        new MetricsEndpoint(metrics, blockingExecutor));
        return new RpcChannelInitializer(settings, endpoints, new ConnectionMetrics(metrics));
    }
}
