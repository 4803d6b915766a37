package io.annals.rpc;

import io.annals.rpc.health.HealthSource;
import io.annals.rpc.http.HttpChannels;
import io.annals.rpc.jsonrpc.RpcDispatcher;
import io.annals.rpc.jsonrpc.RpcMetrics;
import io.annals.rpc.methods.RpcMethods;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.rpc.ws.SubscriptionSource;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: JSON-RPC 2.0 on {@code POST /}, {@code GET /health} and {@code GET /metrics}.
 *
 * <p>Threads: Netty event loops ({@code io-threads}) do socket I/O and JSON parsing and call async
 * handlers; a bounded pool ({@code blocking-threads}, queue {@code blocking-queue-size}) runs
 * blocking handlers, encodes their results and renders metrics; one timer thread fires request
 * deadlines. The server owns all three and stops them on {@link #close()}.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final EventLoopGroup group;
    private final ThreadPoolExecutor blockingExecutor;
    private final ScheduledThreadPoolExecutor timer;
    private final Channel serverChannel;
    private final Channel webSocketChannel;

    private RpcServer(
            EventLoopGroup group,
            ThreadPoolExecutor blockingExecutor,
            ScheduledThreadPoolExecutor timer,
            Channel serverChannel,
            Channel webSocketChannel) {
        this.group = group;
        this.blockingExecutor = blockingExecutor;
        this.timer = timer;
        this.serverChannel = serverChannel;
        this.webSocketChannel = webSocketChannel;
    }

    /**
     * Binds {@code settings.host():settings.port()} and starts serving. The {@code enabled} flag is
     * the caller's to check. Registers the server's RPC metrics in {@code metrics}.
     *
     * @throws IllegalStateException if the address cannot be bound
     */
    public static RpcServer start(
            RpcSettings settings,
            RpcMethods methods,
            HealthSource health,
            MetricsRegistry metrics) {
        return start(settings, methods, health, metrics, SubscriptionSource.none());
    }

    /**
     * As {@link #start(RpcSettings, RpcMethods, HealthSource, MetricsRegistry)}, with {@code
     * eth_subscribe} over WebSocket opening {@code subscriptions}. WebSocket is served on the RPC
     * port, and on {@code ws.port} too when that is set.
     */
    public static RpcServer start(
            RpcSettings settings,
            RpcMethods methods,
            HealthSource health,
            MetricsRegistry metrics,
            SubscriptionSource subscriptions) {
        ThreadPoolExecutor blocking =
                new ThreadPoolExecutor(
                        settings.blockingThreads(),
                        settings.blockingThreads(),
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(settings.blockingQueueSize()),
                        new DefaultThreadFactory("annals-rpc-blocking", true),
                        new ThreadPoolExecutor.AbortPolicy());
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(
                        1, new DefaultThreadFactory("annals-rpc-timer", true));
        timer.setRemoveOnCancelPolicy(
                true); // most deadlines are cancelled: do not keep them queued
        EventLoopGroup group =
                new MultiThreadIoEventLoopGroup(
                        settings.ioThreads(),
                        new DefaultThreadFactory("annals-rpc-io", true),
                        NioIoHandler.newFactory());

        RpcDispatcher dispatcher =
                new RpcDispatcher(settings, methods, blocking, timer, new RpcMetrics(metrics));
        ServerBootstrap bootstrap =
                new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 256)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        // a WebSocket subscriber is dropped once this much is unsent
                        .childOption(
                                ChannelOption.WRITE_BUFFER_WATER_MARK,
                                new WriteBufferWaterMark(
                                        (int)
                                                Math.min(
                                                        Integer.MAX_VALUE,
                                                        settings.ws().maxPendingBytes() / 2),
                                        (int)
                                                Math.min(
                                                        Integer.MAX_VALUE,
                                                        settings.ws().maxPendingBytes())))
                        .childHandler(
                                HttpChannels.initializer(
                                        settings,
                                        dispatcher,
                                        health,
                                        metrics,
                                        blocking,
                                        subscriptions));
        try {
            Channel channel =
                    bootstrap
                            .bind(settings.host(), settings.port())
                            .syncUninterruptibly()
                            .channel();
            Channel webSocket = null;
            if (settings.ws().port() >= 0) {
                try {
                    webSocket =
                            bootstrap
                                    .bind(settings.host(), settings.ws().port())
                                    .syncUninterruptibly()
                                    .channel();
                } catch (RuntimeException e) {
                    channel.close().syncUninterruptibly();
                    throw e;
                }
            }
            RpcServer server = new RpcServer(group, blocking, timer, channel, webSocket);
            LOG.info(
                    "JSON-RPC listening on http://{} (WebSocket on the same port{})",
                    format(server.address()),
                    webSocket == null
                            ? ""
                            : " and ws://" + format((InetSocketAddress) webSocket.localAddress()));
            return server;
        } catch (RuntimeException e) {
            shutdown(group, blocking, timer);
            throw new IllegalStateException(
                    "cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
    }

    /** The bound address (with the actual port when configured with 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The separate WebSocket port's address, when {@code ws.port} is set. */
    public java.util.Optional<InetSocketAddress> webSocketAddress() {
        return java.util.Optional.ofNullable(webSocketChannel)
                .map(c -> (InetSocketAddress) c.localAddress());
    }

    /**
     * Stops accepting, closes connections and stops the server's threads; waits a few seconds at
     * most.
     */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        if (webSocketChannel != null) {
            webSocketChannel.close().syncUninterruptibly();
        }
        shutdown(group, blockingExecutor, timer);
        LOG.info("JSON-RPC stopped");
    }

    private static void shutdown(
            EventLoopGroup group, ThreadPoolExecutor blocking, ScheduledThreadPoolExecutor timer) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdownNow();
        timer.shutdownNow();
    }

    private static String format(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
