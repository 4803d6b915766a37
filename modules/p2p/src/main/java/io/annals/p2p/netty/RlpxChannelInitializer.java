package io.annals.p2p.netty;

import io.annals.p2p.RlpxSession;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds the pipeline of one RLPx connection. Inbound bytes flow top to bottom, outbound messages
 * bottom to top:
 *
 * <pre>
 * handshake      HandshakeHandler   raw auth/ack bytes; on success it adds frame-encoder after
 *                                   itself and is replaced by frame-decoder:
 *   frame-decoder  FrameDecoder       encrypted stream -> frame data (MAC check, max frame size)
 *   frame-encoder  FrameEncoder       frame data -> encrypted frames
 * message-codec  MessageCodec       frame data <-> (msg-id, payload); Snappy after Hello
 * idle           IdleStateHandler   reader idle -> Ping, or Timeout if a Ping went unanswered
 * session        SessionHandler     Hello, Ping/Pong, Disconnect, capability dispatch; last, so
 *                                   that every exception of the connection reaches its classifier
 * </pre>
 */
final class RlpxChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String HANDSHAKE = "handshake";
    static final String FRAME_DECODER = "frame-decoder";
    static final String FRAME_ENCODER = "frame-encoder";
    static final String MESSAGE_CODEC = "message-codec";
    static final String IDLE = "idle";
    static final String SESSION = "session";

    private final Supplier<RlpxContext> contexts;
    private final byte[] remoteNodeId;
    private final CompletableFuture<RlpxSession> activation;

    /** For a dialed connection: the handshake proves the peer holds {@code remoteNodeId}. */
    static RlpxChannelInitializer outbound(
            RlpxContext context, byte[] remoteNodeId, CompletableFuture<RlpxSession> activation) {
        return new RlpxChannelInitializer(() -> context, remoteNodeId.clone(), activation);
    }

    /**
     * For accepted connections: the node id is learnt from the auth message. The context is read
     * per connection, so that Hello carries the port the listener got.
     */
    static RlpxChannelInitializer inbound(Supplier<RlpxContext> contexts) {
        return new RlpxChannelInitializer(contexts, null, null);
    }

    private RlpxChannelInitializer(
            Supplier<RlpxContext> contexts,
            byte[] remoteNodeId,
            CompletableFuture<RlpxSession> activation) {
        this.contexts = contexts;
        this.remoteNodeId = remoteNodeId;
        this.activation = activation;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        RlpxContext context = contexts.get();
        // peers such as ethereumjs write header and body separately; never hold small writes back
        channel.config().setOption(ChannelOption.TCP_NODELAY, true);
        boolean initiator = remoteNodeId != null;
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(
                HANDSHAKE,
                initiator
                        ? HandshakeHandler.initiator(context, remoteNodeId)
                        : HandshakeHandler.recipient(context));
        pipeline.addLast(
                MESSAGE_CODEC,
                new MessageCodec(
                        context.settings().maxMessageSize(), context.settings().maxFrameSize()));
        pipeline.addLast(
                IDLE,
                new IdleStateHandler(
                        context.settings().pingInterval().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast(
                SESSION,
                new SessionHandler(
                        context,
                        initiator,
                        activation != null ? activation : new CompletableFuture<>()));
    }
}
