package io.annals.rpc.http;

import io.annals.rpc.RpcSettings;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsConfigBuilder;
import io.netty.handler.codec.http.cors.CorsHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds every connection's pipeline; the handlers are listed in inbound order. */
final class RpcChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Smaller bodies are sent as they are: compressing them costs more than it saves. */
    private static final int COMPRESSION_THRESHOLD_BYTES = 1024;

    private final RpcSettings settings;
    private final HttpEndpoints endpoints;
    private final ConnectionMetrics connectionMetrics;
    private final CorsConfig cors;

    RpcChannelInitializer(
            RpcSettings settings, HttpEndpoints endpoints, ConnectionMetrics connectionMetrics) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.connectionMetrics = connectionMetrics;
        this.cors = settings.corsOrigins().isEmpty() ? null : corsConfig(settings);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        // 0. counts the connection while it is open
        pipeline.addLast("connections", connectionMetrics);
        // 1. fires an event when the connection has been quiet for idle-timeout; the router closes
        // it
        //    unless a response is still being computed
        pipeline.addLast(
                "idle",
                new IdleStateHandler(
                        0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        // 2. bytes <-> HTTP/1.1 messages, with Netty's bounds on request line and header sizes
        pipeline.addLast("codec", new HttpServerCodec());
        // 3. must see each request's Accept-Encoding before the body is aggregated, and compresses
        //    the response on the way out (gzip or deflate only when the client asked for it)
        pipeline.addLast(
                "compress",
                new HttpContentCompressor(
                        COMPRESSION_THRESHOLD_BYTES,
                        StandardCompressionOptions.gzip(),
                        StandardCompressionOptions.deflate()));
        // 4. honours Connection: keep-alive/close per request and closes after the last response
        pipeline.addLast("keepAlive", new HttpServerKeepAliveHandler());
        // 5. one FullHttpRequest per request; a body over max-request-size gets 413 and is dropped
        pipeline.addLast("aggregate", new HttpObjectAggregator(settings.maxRequestSize()));
        // 6. answers CORS preflights and adds Access-Control-Allow-Origin for allowed origins
        if (cors != null) {
            pipeline.addLast("cors", new CorsHandler(cors));
        }
        // 7. routes to JSON-RPC, /health or /metrics and writes responses in request order
        pipeline.addLast("route", new HttpRouter(endpoints));
    }

    private static CorsConfig corsConfig(RpcSettings settings) {
        CorsConfigBuilder builder =
                settings.corsOrigins().contains("*")
                        ? CorsConfigBuilder.forAnyOrigin()
                        : CorsConfigBuilder.forOrigins(
                                settings.corsOrigins().toArray(new String[0]));
        return builder.allowedRequestMethods(HttpMethod.POST, HttpMethod.GET, HttpMethod.OPTIONS)
                .allowedRequestHeaders("Content-Type")
                .maxAge(600)
                // a browser request from an origin not allowed is refused (403) before it runs
                .shortCircuit()
                .build();
    }
}
