package io.annals.rpc.http;

import io.annals.rpc.ws.WebSocketEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a connection's requests: {@code POST /} to JSON-RPC, {@code GET /} with {@code Upgrade:
 * websocket} to the WebSocket endpoint (the connection then leaves HTTP), {@code GET /health},
 * {@code GET /metrics}; 405 for another method on those paths, 404 elsewhere. One instance per
 * connection (it owns that connection's {@link ResponseSequencer}); it never blocks.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

    private final HttpEndpoints endpoints;
    private final ResponseSequencer sequencer = new ResponseSequencer(HttpRouter::internalError);

    HttpRouter(HttpEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            // a request line or header past the codec's limits, or not HTTP at all: answer and hang
            // up
            FullHttpResponse response =
                    HttpReplies.text(HttpResponseStatus.BAD_REQUEST, "bad request");
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            sequencer.enqueue(ctx, CompletableFuture.completedFuture(response));
            return;
        }
        if (WebSocketEndpoint.isUpgrade(request)
                && "/".equals(new QueryStringDecoder(request.uri()).path())) {
            if (sequencer.isIdle()) {
                endpoints.webSocket().upgrade(ctx, request, this);
            } else {
                // answers to earlier pipelined requests would follow the switch: refuse it
                FullHttpResponse refused =
                        HttpReplies.text(
                                HttpResponseStatus.BAD_REQUEST,
                                "WebSocket upgrade while HTTP requests are outstanding");
                refused.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                sequencer.enqueue(ctx, CompletableFuture.completedFuture(refused));
            }
            return;
        }
        CompletableFuture<FullHttpResponse> response;
        try {
            response = route(request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        sequencer.enqueue(ctx, response);
    }

    private CompletableFuture<FullHttpResponse> route(FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        switch (path) {
            case "/":
                return HttpMethod.POST.equals(method)
                        ? endpoints.rpc().handle(request)
                        : notAllowed("POST");
            case "/health":
                return HttpMethod.GET.equals(method)
                        ? endpoints.health().handle()
                        : notAllowed("GET");
            case "/metrics":
                return HttpMethod.GET.equals(method)
                        ? endpoints.metrics().handle()
                        : notAllowed("GET");
            default:
                return CompletableFuture.completedFuture(
                        HttpReplies.text(HttpResponseStatus.NOT_FOUND, "not found"));
        }
    }

    private static CompletableFuture<FullHttpResponse> notAllowed(String allowed) {
        FullHttpResponse response =
                HttpReplies.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return CompletableFuture.completedFuture(response);
    }

    private static FullHttpResponse internalError(Throwable failure) {
        LOG.error("HTTP request failed unexpectedly", failure);
        return HttpReplies.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal server error");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && sequencer.isIdle()) {
            LOG.debug("closing idle connection {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
