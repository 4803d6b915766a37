package io.annals.rpc.http;

import io.annals.rpc.metrics.CounterFamily;
import io.annals.rpc.metrics.GaugeFamily;
import io.annals.rpc.metrics.MetricsRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts accepted and open HTTP connections (keep-alive reuse shows as few connections). */
@ChannelHandler.Sharable
final class ConnectionMetrics extends ChannelInboundHandlerAdapter {
    private final CounterFamily.Counter accepted;
    private final GaugeFamily.Gauge open;

    ConnectionMetrics(MetricsRegistry registry) {
        accepted =
                registry.counter("annals_rpc_http_connections_total", "HTTP connections accepted.")
                        .labels();
        open =
                registry.gauge("annals_rpc_http_open_connections", "HTTP connections open now.")
                        .labels();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        accepted.inc();
        open.add(1);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.add(-1);
        super.channelInactive(ctx);
    }
}
