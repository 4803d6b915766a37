package io.annals.p2p.netty;

import io.annals.p2p.P2pSettings;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.SessionFailedException;
import io.annals.p2p.SessionListener;
import io.annals.p2p.SubProtocol;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.wire.DisconnectReason;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's RLPx endpoint: a listener for inbound connections, a dialer for outbound ones, and the
 * static-peer dialer, sharing one event loop group, one identity and one session registry.
 *
 * <pre>
 * RlpxHost host = RlpxHost.create(nodeKey, settings, List.of(eth), session -> peers.add(session));
 * host.listen().join();
 * host.dial(Enode.parse("enode://…@10.0.0.1:30303")).thenAccept(…);
 * </pre>
 */
public final class RlpxHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RlpxHost.class);

    private final EventLoopGroup group;
    private volatile RlpxContext context;
    private volatile Channel serverChannel;
    private volatile StaticPeerDialer staticPeers;
    private volatile boolean closed;

    private RlpxHost(RlpxContext context, EventLoopGroup group) {
        this.context = context;
        this.group = group;
    }

    public static RlpxHost create(
            NodeKey nodeKey,
            P2pSettings settings,
            List<SubProtocol> protocols,
            SessionListener listener) {
        SessionRegistry registry = new SessionRegistry(nodeKey.nodeIdHex(), settings.maxPeers());
        RlpxContext context =
                new RlpxContext(
                        nodeKey, settings, protocols, listener, registry, new SecureRandom(), 0);
        return new RlpxHost(context, new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory()));
    }

    /** Binds the listener to the configured host and port (0 picks a free port). */
    public CompletableFuture<InetSocketAddress> listen() {
        P2pSettings settings = context.settings();
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        ServerBootstrap bootstrap =
                new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(RlpxChannelInitializer.inbound(() -> context));
        bootstrap
                .bind(settings.listenHost(), settings.listenPort())
                .addListener(
                        (ChannelFuture f) -> {
                            if (f.isSuccess()) {
                                serverChannel = f.channel();
                                InetSocketAddress address =
                                        (InetSocketAddress) f.channel().localAddress();
                                context = context.withAdvertisedPort(address.getPort());
                                LOG.info(
                                        "RLPx listening on {} as {}",
                                        address,
                                        context.nodeKey().nodeIdHex());
                                bound.complete(address);
                            } else {
                                bound.completeExceptionally(f.cause());
                            }
                        });
        return bound;
    }

    /** The enode URL of the listener, once bound. */
    public Optional<Enode> localEnode() {
        Channel server = serverChannel;
        if (server == null) {
            return Optional.empty();
        }
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        return Optional.of(
                new Enode(
                        context.nodeKey().nodeId(),
                        address.getAddress().getHostAddress(),
                        address.getPort()));
    }

    /**
     * Connects to a node. Completes with the session once handshake and Hello exchange succeeded,
     * or exceptionally ({@link SessionFailedException} with the reason, or the connect error).
     */
    public CompletableFuture<RlpxSession> dial(Enode enode) {
        CompletableFuture<RlpxSession> activation = new CompletableFuture<>();
        Optional<DisconnectReason> refusal = context.registry().admissionCheck(enode.nodeIdHex());
        if (refusal.isPresent()) {
            activation.completeExceptionally(
                    new SessionFailedException(refusal.get(), "not dialing " + enode));
            return activation;
        }
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(
                        ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) context.settings().handshakeTimeout().toMillis())
                .handler(RlpxChannelInitializer.outbound(context, enode.nodeId(), activation))
                .connect(enode.host(), enode.tcpPort())
                .addListener(
                        (ChannelFuture f) -> {
                            if (!f.isSuccess()) {
                                activation.completeExceptionally(f.cause());
                            }
                        });
        return activation;
    }

    /** Starts keeping the configured static peers connected. */
    public StaticPeerDialer startStaticPeers() {
        P2pSettings settings = context.settings();
        StaticPeerDialer dialer =
                new StaticPeerDialer(
                        this::dial,
                        group.next(),
                        new ReconnectBackoff(
                                settings.reconnectMinDelay(), settings.reconnectMaxDelay()),
                        settings.maxConcurrentDials());
        dialer.start(settings.staticPeers());
        staticPeers = dialer;
        return dialer;
    }

    public Collection<RlpxSession> sessions() {
        return context.registry().sessions();
    }

    public NodeKey nodeKey() {
        return context.nodeKey();
    }

    /**
     * Stops listening, sends every session a Disconnect (ClientQuitting), waits up to the linger
     * time plus a second for them to close, then stops the event loops.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        StaticPeerDialer dialer = staticPeers;
        if (dialer != null) {
            dialer.close();
        }
        Channel server = serverChannel;
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        List<CompletableFuture<DisconnectReason>> closing =
                sessions().stream().map(RlpxSession::closed).toList();
        sessions().forEach(s -> s.disconnect(DisconnectReason.CLIENT_QUITTING));
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(
                            context.settings().disconnectLinger().toMillis() + 1000,
                            TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("not every session closed in time: {}", e.toString());
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
