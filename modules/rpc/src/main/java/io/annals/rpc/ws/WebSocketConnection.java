package io.annals.rpc.ws;

import io.annals.rpc.jsonrpc.RpcDispatcher;
import io.annals.rpc.jsonrpc.RpcReply;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RandomIds;
import io.annals.rpc.methods.RpcException;
import io.annals.rpc.methods.RpcMethods;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: every text (or binary) message is a JSON-RPC body, answered by the same
 * dispatcher as HTTP, plus this connection's {@code eth_subscribe} and {@code eth_unsubscribe}.
 * Bounded: at most {@code max-subscriptions} subscriptions; at most {@code max-in-flight} calls at
 * once (reading pauses beyond); a subscriber that leaves more than {@code max-pending-bytes} of
 * notifications unsent is dropped with close code 1008 and a reason saying so, rather than buffered
 * without limit. A quiet connection is pinged; one that stays silent is closed. State is confined
 * to the channel's event loop but for the subscriptions' map, which the hub's thread reads through
 * {@link #push}.
 */
final class WebSocketConnection extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

    private final RpcDispatcher dispatcher;
    private final SubscriptionSource source;
    private final WsSettings settings;
    private final RandomIds ids;
    private final RpcMethods overlay;
    private final Map<String, SubscriptionSource.Subscription> subscriptions =
            new LinkedHashMap<>();
    private Channel channel;
    private int inFlight;
    private boolean readSinceLastPing = true;

    WebSocketConnection(
            RpcDispatcher dispatcher,
            SubscriptionSource source,
            WsSettings settings,
            RandomIds ids) {
        this.dispatcher = dispatcher;
        this.source = source;
        this.settings = settings;
        this.ids = ids;
        this.overlay =
                RpcMethods.builder()
                        .async("eth_subscribe", Arity.between(1, 2), this::subscribe)
                        .async("eth_unsubscribe", Arity.exactly(1), p -> unsubscribe(p.string(0)))
                        .buildWithoutModules();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        readSinceLastPing = true;
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            call(ctx, frame);
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        }
        // pongs only prove the peer is alive
    }

    private void call(ChannelHandlerContext ctx, WebSocketFrame frame) {
        inFlight++;
        if (inFlight >= settings.maxInFlight()) {
            ctx.channel().config().setAutoRead(false);
        }
        CompletableFuture<RpcReply> reply =
                dispatcher.dispatch(new ByteBufInputStream(frame.content()), overlay);
        reply.whenComplete(
                (answer, failure) ->
                        ctx.executor()
                                .execute(
                                        () -> {
                                            if (failure == null && !answer.isEmpty()) {
                                                ctx.writeAndFlush(
                                                        new TextWebSocketFrame(
                                                                directCopy(ctx, answer)));
                                            } else if (failure != null) {
                                                LOG.warn("WebSocket call failed", failure);
                                            }
                                            if (--inFlight < settings.maxInFlight()) {
                                                ctx.channel().config().setAutoRead(true);
                                            }
                                        }));
    }

    private CompletableFuture<String> subscribe(io.annals.rpc.methods.RpcParams params) {
        synchronized (subscriptions) {
            if (subscriptions.size() >= settings.maxSubscriptions()) {
                throw RpcException.limitExceeded(
                        "too many subscriptions on this connection (at most "
                                + settings.maxSubscriptions()
                                + "); unsubscribe some",
                        null);
            }
        }
        String id = ids.next();
        SubscriptionSource.Subscription subscription =
                source.open(params, result -> push(id, result));
        synchronized (subscriptions) {
            subscriptions.put(id, subscription);
        }
        return CompletableFuture.completedFuture(id);
    }

    private CompletableFuture<Boolean> unsubscribe(String id) {
        SubscriptionSource.Subscription subscription;
        synchronized (subscriptions) {
            subscription = subscriptions.remove(id);
        }
        if (subscription == null) {
            throw RpcException.serverError("subscription not found");
        }
        subscription.close();
        return CompletableFuture.completedFuture(Boolean.TRUE);
    }

    /** Called on the subscription source's thread. */
    private boolean push(String id, io.annals.rpc.eth.json.JsonWritable result) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return false;
        }
        synchronized (subscriptions) {
            if (!subscriptions.containsKey(id)) {
                return false;
            }
        }
        if (!ch.isWritable()) {
            LOG.info(
                    "dropping WebSocket subscriber {}: more than {} bytes of notifications unsent",
                    ch.remoteAddress(),
                    settings.maxPendingBytes());
            ch.writeAndFlush(
                            new CloseWebSocketFrame(
                                    WebSocketCloseStatus.POLICY_VIOLATION.code(),
                                    "subscriber too slow: more than "
                                            + settings.maxPendingBytes()
                                            + " bytes of notifications unsent"))
                    .addListener(ChannelFutureListener.CLOSE);
            // nothing more is written: the connection closes once the close frame is out
            ch.config().setAutoRead(false);
            closeAll();
            return false;
        }
        ch.writeAndFlush(
                new TextWebSocketFrame(Unpooled.wrappedBuffer(Notifications.encode(id, result))));
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closeAll();
        super.channelInactive(ctx);
    }

    private void closeAll() {
        Map<String, SubscriptionSource.Subscription> open;
        synchronized (subscriptions) {
            open = new LinkedHashMap<>(subscriptions);
            subscriptions.clear();
        }
        open.values().forEach(SubscriptionSource.Subscription::close);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (!readSinceLastPing) {
                LOG.debug("closing silent WebSocket {}", ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            readSinceLastPing = false;
            ctx.writeAndFlush(new PingWebSocketFrame());
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("WebSocket {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("WebSocket {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    /**
     * The answer in one direct buffer of the channel (on its event loop): as for HTTP replies,
     * Netty would otherwise merge the chunks into a fresh heap array before copying them again.
     */
    private static ByteBuf directCopy(ChannelHandlerContext ctx, RpcReply answer) {
        ByteBuf frame = ctx.alloc().directBuffer(answer.size());
        for (byte[] chunk : answer.chunks()) {
            frame.writeBytes(chunk);
        }
        return frame;
    }
}
