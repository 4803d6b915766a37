package io.annals.p2p.netty;

import io.annals.p2p.rlpx.EgressFramer;
import io.annals.p2p.rlpx.IngressFramer;
import io.annals.p2p.rlpx.InitiatorHandshake;
import io.annals.p2p.rlpx.RecipientHandshake;
import io.annals.p2p.rlpx.Secrets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the RLPx auth/ack exchange on raw bytes, accumulating split packets. The dialing side sends
 * auth when the channel becomes active; the accepting side answers with ack. On success it puts the
 * frame encoder after itself, fires {@link HandshakeCompleted} (the session handler answers with
 * Hello through the new encoder), and replaces itself with the frame decoder, which receives
 * whatever bytes followed the handshake packet. If the exchange does not finish within the
 * handshake timeout, a {@link PeerTimeoutException} goes down the pipeline.
 */
final class HandshakeHandler extends ByteToMessageDecoder {
    private final RlpxContext context;
    private final InitiatorHandshake initiator;
    private final RecipientHandshake recipient;
    private ScheduledFuture<?> timeout;
    private boolean done;

    private HandshakeHandler(
            RlpxContext context, InitiatorHandshake initiator, RecipientHandshake recipient) {
        this.context = context;
        this.initiator = initiator;
        this.recipient = recipient;
    }

    static HandshakeHandler initiator(RlpxContext context, byte[] remoteNodeId) {
        return new HandshakeHandler(
                context,
                new InitiatorHandshake(
                        context.nodeKey().privateKey(), remoteNodeId, context.random()),
                null);
    }

    static HandshakeHandler recipient(RlpxContext context) {
        return new HandshakeHandler(
                context,
                null,
                new RecipientHandshake(context.nodeKey().privateKey(), context.random()));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (timeout != null) {
            return;
        }
        long millis = context.settings().handshakeTimeout().toMillis();
        timeout =
                ctx.executor()
                        .schedule(
                                () -> {
                                    if (!done) {
                                        ctx.fireExceptionCaught(
                                                new PeerTimeoutException(
                                                        "RLPx handshake not completed within "
                                                                + millis
                                                                + " ms"));
                                    }
                                },
                                millis,
                                TimeUnit.MILLISECONDS);
        if (initiator != null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(initiator.authPacket()));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            return;
        }
        if (in.readableBytes() < 2) {
            return;
        }
        int first = in.getUnsignedByte(in.readerIndex());
        int second = in.getUnsignedByte(in.readerIndex() + 1);
        int needed =
                initiator != null
                        ? initiator.bytesNeeded(first, second)
                        : recipient.bytesNeeded(first, second);
        if (in.readableBytes() < needed) {
            return; // a trickling peer costs no copying until its packet can be complete
        }
        int available = Math.min(in.readableBytes(), InitiatorHandshake.MAX_PACKET_SIZE);
        byte[] bytes = new byte[available];
        in.getBytes(in.readerIndex(), bytes);
        int consumed =
                initiator != null
                        ? initiator.receiveAck(bytes, 0, available)
                        : recipient.receiveAuth(bytes, 0, available);
        if (consumed == 0) {
            return;
        }
        in.skipBytes(consumed);
        done = true;
        timeout.cancel(false);
        Secrets secrets = initiator != null ? initiator.secrets() : recipient.secrets();
        if (recipient != null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(recipient.ackPacket()));
        }
        int maxFrame = context.settings().maxFrameSize();
        ctx.pipeline()
                .addAfter(
                        ctx.name(),
                        RlpxChannelInitializer.FRAME_ENCODER,
                        new FrameEncoder(new EgressFramer(secrets, maxFrame)));
        ctx.fireUserEventTriggered(new HandshakeCompleted(secrets.remoteNodeId()));
        // bytes after the handshake packet (the peer's first frames) are handed to the frame
        // decoder
        ctx.pipeline()
                .replace(
                        this,
                        RlpxChannelInitializer.FRAME_DECODER,
                        new FrameDecoder(new IngressFramer(secrets, maxFrame)));
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
