package io.annals.p2p.netty;

import io.annals.p2p.discovery.NodeSink;
import io.annals.p2p.discv4.Discv4;
import io.annals.p2p.discv4.Discv4Settings;
import io.annals.p2p.discv4.LocalNode;
import io.annals.p2p.discv4.PacketCodec;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * discv4 on a Netty UDP socket: a thin adapter that binds the socket, copies each datagram (at most
 * {@link PacketCodec#MAX_SIZE} + 1 bytes, so an oversized one is refused without a large copy) into
 * {@link Discv4#onDatagram} on the socket's event loop, and writes what the service sends. The
 * service runs on that same single thread.
 */
public final class DiscoveryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryServer.class);

    private final EventLoopGroup group;
    private final Channel channel;
    private final Discv4 discv4;

    private DiscoveryServer(EventLoopGroup group, Channel channel, Discv4 discv4) {
        this.group = group;
        this.channel = channel;
        this.discv4 = discv4;
    }

    /**
     * Binds {@code settings.listenHost()}:{@code port} (0: any) and starts discovery from the
     * bootnodes.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static DiscoveryServer start(
            NodeKey key,
            Discv4Settings settings,
            int port,
            LocalNode local,
            NodeSink sink,
            List<Enode> bootnodes) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoop loop = group.next();
        AtomicReference<Channel> socket = new AtomicReference<>();
        Discv4 discv4 =
                new Discv4(
                        key,
                        settings,
                        local,
                        loop,
                        System::currentTimeMillis,
                        (to, datagram) -> {
                            Channel ch = socket.get();
                            if (ch != null && ch.isActive()) {
                                ch.writeAndFlush(
                                        new DatagramPacket(Unpooled.wrappedBuffer(datagram), to));
                            }
                        },
                        sink);
        try {
            Channel channel =
                    new Bootstrap()
                            .group(loop)
                            .channel(NioDatagramChannel.class)
                            .option(
                                    ChannelOption.RCVBUF_ALLOCATOR,
                                    new FixedRecvByteBufAllocator(2048))
                            .handler(new Inbound(discv4))
                            .bind(settings.listenHost(), port)
                            .syncUninterruptibly()
                            .channel();
            socket.set(channel);
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            discv4.start(bound.getPort(), bootnodes);
            LOG.info("discv4 listening on UDP {}, {} bootnodes", bound, bootnodes.size());
            return new DiscoveryServer(group, channel, discv4);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException(
                    "cannot bind discovery to UDP " + settings.listenHost() + ":" + port + ": " + e,
                    e);
        }
    }

    public Discv4 discv4() {
        return discv4;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops discovery and the socket; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        discv4.close();
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Discv4 discv4;

        Inbound(Discv4 discv4) {
            this.discv4 = discv4;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            byte[] bytes = new byte[Math.min(content.readableBytes(), PacketCodec.MAX_SIZE + 1)];
            content.getBytes(content.readerIndex(), bytes);
            discv4.onDatagram(bytes, packet.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // UDP has no connection to lose: an ICMP "port unreachable" and the like end here
            LOG.debug("discv4 socket: {}", cause.toString());
        }
    }
}
