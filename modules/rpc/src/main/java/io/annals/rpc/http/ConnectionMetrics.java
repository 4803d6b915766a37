package io.annals.rpc.http;

import io.annals.rpc.metrics.MetricsRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;

/** Counts accepted and open HTTP connections (keep-alive reuse shows as few connections). */
@ChannelHandler.Sharable
final class ConnectionMetrics extends ChannelInboundHandlerAdapter {
    private final Counter accepted;
    private final Gauge open;

    ConnectionMetrics(MetricsRegistry registry) {
        accepted =
                registry.counter("annals_rpc_http_connections_total", "HTTP connections accepted.");
        open = registry.gauge("annals_rpc_http_open_connections", "HTTP connections open now.");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        accepted.inc();
        open.inc();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.dec();
        super.channelInactive(ctx);
    }
}
