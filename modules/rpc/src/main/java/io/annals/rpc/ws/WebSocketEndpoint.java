package io.annals.rpc.ws;

import io.annals.rpc.jsonrpc.RpcDispatcher;
import io.annals.rpc.methods.RandomIds;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;

/**
 * The switch from HTTP to WebSocket ({@code GET /} with {@code Upgrade: websocket}, RFC 6455): the
 * handshake with Netty's codec, then the connection's HTTP handlers give way to frame aggregation
 * (messages up to {@code max-request-size}) and a {@link WebSocketConnection}. A browser's {@code
 * Origin} must be one of {@code cors-origins} (or {@code *}), else 403; clients that send none
 * (every non-browser library) are accepted.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6455">RFC 6455</a>
 */
public final class WebSocketEndpoint {
    private final RpcDispatcher dispatcher;
    private final SubscriptionSource subscriptions;
    private final WsSettings settings;
    private final int maxMessageBytes;
    private final List<String> origins;
    private final RandomIds ids = new RandomIds();

    public WebSocketEndpoint(
            RpcDispatcher dispatcher,
            SubscriptionSource subscriptions,
            WsSettings settings,
            int maxMessageBytes,
            List<String> origins) {
        this.dispatcher = dispatcher;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.maxMessageBytes = maxMessageBytes;
        this.origins = List.copyOf(origins);
    }

    public static boolean isUpgrade(FullHttpRequest request) {
        return HttpMethod.GET.equals(request.method())
                && request.headers()
                        .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /**
     * Answers the handshake on {@code ctx}'s channel and moves it to WebSocket; {@code httpHandler}
     * (the caller) and the HTTP-only handlers are removed.
     */
    public void upgrade(
            ChannelHandlerContext ctx, FullHttpRequest request, ChannelHandler httpHandler) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !origins.contains("*") && !origins.contains(origin)) {
            DefaultFullHttpResponse forbidden =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN);
            forbidden.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.writeAndFlush(forbidden).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(
                                "ws://" + request.headers().get(HttpHeaderNames.HOST) + "/",
                                null,
                                false,
                                maxMessageBytes)
                        .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        for (String name : List.of("keepAlive", "cors")) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        pipeline.addLast("ws-aggregate", new WebSocketFrameAggregator(maxMessageBytes));
        pipeline.addLast(
                "ws-rpc", new WebSocketConnection(dispatcher, subscriptions, settings, ids));
        pipeline.remove(httpHandler);
        // removes the aggregator and compressor and, once the 101 is out, the HTTP codec
        handshaker.handshake(ctx.channel(), request);
    }
}
