package io.annals.p2p.netty;

import io.annals.core.util.Hex;
import io.annals.p2p.CapabilityHandler;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.SessionFailedException;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.MessageException;
import io.annals.p2p.wire.NegotiatedCapabilities;
import io.annals.p2p.wire.P2pCodec;
import io.annals.p2p.wire.P2pMessage;
import io.annals.p2p.wire.SharedCapability;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The p2p base protocol of one connection, last in the pipeline: Hello exchange and capability
 * negotiation, Ping/Pong keep-alive, Disconnect, dispatch of capability messages, and the
 * classification of every exception on the connection ({@link FailureClassifier}). All state is
 * touched on the channel's event loop only.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private enum State {
        HANDSHAKE,
        AWAITING_HELLO,
        ACTIVE,
        CLOSING,
        CLOSED
    }

    private final RlpxContext context;
    private final boolean initiator;
    private final CompletableFuture<RlpxSession> activation;
    private final Map<String, CapabilityHandler> handlers = new HashMap<>();
    private ChannelHandlerContext ctx;
    private State state = State.HANDSHAKE;
    private byte[] remoteNodeId;
    private NegotiatedCapabilities negotiated;
    private ChannelSession session;
    private ScheduledFuture<?> helloTimeout;
    private boolean pingOutstanding;
    private DisconnectReason closeReason;
    private boolean closedByRemote;

    SessionHandler(
            RlpxContext context, boolean initiator, CompletableFuture<RlpxSession> activation) {
        this.context = context;
        this.initiator = initiator;
        this.activation = activation;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeCompleted completed) {
            onHandshake(completed.remoteNodeId());
        } else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            onReaderIdle();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    private void onHandshake(byte[] nodeId) {
        remoteNodeId = nodeId;
        state = State.AWAITING_HELLO;
        LOG.debug("RLPx handshake with {} done", peer());
        Optional<DisconnectReason> refusal = context.registry().admissionCheck(Hex.encode(nodeId));
        if (refusal.isPresent()) {
            disconnect(refusal.get());
            return;
        }
        write(context.localHello());
        long millis = context.settings().helloTimeout().toMillis();
        helloTimeout =
                ctx.executor()
                        .schedule(
                                () ->
                                        exceptionCaught(
                                                ctx,
                                                new PeerTimeoutException(
                                                        "no Hello within " + millis + " ms")),
                                millis,
                                TimeUnit.MILLISECONDS);
    }

    private void onReaderIdle() {
        if (state != State.ACTIVE) {
            return;
        }
        if (pingOutstanding) {
            exceptionCaught(
                    ctx,
                    new PeerTimeoutException("no Pong and no other message for a ping interval"));
        } else {
            pingOutstanding = true;
            write(new P2pMessage.Ping());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        WireMessage message = (WireMessage) msg;
        // any traffic proves the peer alive; the idle handler only fires after a silent interval
        pingOutstanding = false;
        if (state != State.AWAITING_HELLO && state != State.ACTIVE) {
            return;
        }
        if (message.id() < P2pMessage.BASE_PROTOCOL_LENGTH) {
            if (message.id() > P2pMessage.PONG) {
                LOG.debug(
                        "ignoring reserved base protocol message {} from {}", message.id(), peer());
                return;
            }
            onBaseMessage(P2pCodec.decode(message.id(), message.payload()));
        } else {
            onCapabilityMessage(message);
        }
    }

    private void onBaseMessage(P2pMessage message) {
        if (message instanceof P2pMessage.Hello hello) {
            onHello(hello);
        } else if (message instanceof P2pMessage.Disconnect disconnect) {
            closeReason = disconnect.reason();
            closedByRemote = true;
            state = State.CLOSING;
            LOG.debug("{} disconnected: {}", peer(), disconnect.reason());
            ctx.close();
        } else if (state != State.ACTIVE) {
            throw new MessageException(
                    DisconnectReason.BREACH_OF_PROTOCOL,
                    message.getClass().getSimpleName() + " before Hello");
        } else if (message instanceof P2pMessage.Ping) {
            write(new P2pMessage.Pong());
        }
    }

    private void onHello(P2pMessage.Hello hello) {
        if (state != State.AWAITING_HELLO) {
            throw new MessageException(DisconnectReason.BREACH_OF_PROTOCOL, "second Hello");
        }
        helloTimeout.cancel(false);
        if (!Arrays.equals(hello.nodeId(), remoteNodeId)) {
            throw new MessageException(
                    DisconnectReason.UNEXPECTED_IDENTITY,
                    "Hello node id differs from the handshake key");
        }
        negotiated = NegotiatedCapabilities.negotiate(context.protocols(), hello.capabilities());
        if (negotiated.isEmpty()) {
            LOG.debug("{} shares no capability with us: {}", peer(), hello.capabilities());
            disconnect(DisconnectReason.USELESS_PEER);
            return;
        }
        if (hello.protocolVersion() >= 5) {
            ctx.pipeline().get(MessageCodec.class).enableCompression();
        }
        session =
                new ChannelSession(this, ctx.channel(), remoteNodeId, hello, negotiated, initiator);
        Optional<DisconnectReason> refusal = context.registry().register(session);
        if (refusal.isPresent()) {
            session = null;
            disconnect(refusal.get());
            return;
        }
        state = State.ACTIVE;
        for (SharedCapability capability : negotiated.shared()) {
            handlers.put(
                    capability.name(), capability.protocol().attach(session, capability.version()));
        }
        LOG.debug("session with {} active: {} {}", peer(), hello.clientId(), negotiated.shared());
        activation.complete(session);
        context.listener().onSessionActive(session);
    }

    private void onCapabilityMessage(WireMessage message) {
        if (state != State.ACTIVE) {
            throw new MessageException(
                    DisconnectReason.BREACH_OF_PROTOCOL, "capability message before Hello");
        }
        SharedCapability capability =
                negotiated
                        .forMessageId(message.id())
                        .orElseThrow(
                                () ->
                                        new MessageException(
                                                DisconnectReason.BREACH_OF_PROTOCOL,
                                                "message id "
                                                        + message.id()
                                                        + " belongs to no shared capability"));
        handlers.get(capability.name())
                .onMessage(message.id() - capability.offset(), message.payload());
    }

    /** Sends a capability message; called on the event loop by {@link ChannelSession}. */
    void send(int messageId, byte[] payload, CompletableFuture<Void> result) {
        if (state != State.ACTIVE) {
            result.completeExceptionally(
                    new IllegalStateException("session is " + state.name().toLowerCase()));
            return;
        }
        ctx.writeAndFlush(new WireMessage(messageId, payload))
                .addListener(
                        f -> {
                            if (f.isSuccess()) {
                                result.complete(null);
                            } else {
                                result.completeExceptionally(f.cause());
                            }
                        });
    }

    /** Sends Disconnect, then closes after the linger time (or earlier, when the peer closes). */
    void disconnect(DisconnectReason reason) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        closeReason = reason;
        closedByRemote = false;
        if (state == State.HANDSHAKE) {
            state = State.CLOSING;
            ctx.close();
            return;
        }
        state = State.CLOSING;
        LOG.debug("disconnecting {}: {}", peer(), reason);
        long linger = context.settings().disconnectLinger().toMillis();
        ctx.writeAndFlush(
                        new WireMessage(
                                P2pMessage.DISCONNECT,
                                P2pCodec.encode(new P2pMessage.Disconnect(reason))))
                .addListener(
                        (ChannelFutureListener)
                                f -> {
                                    if (f.isSuccess()) {
                                        ctx.executor()
                                                .schedule(
                                                        () -> ctx.close(),
                                                        linger,
                                                        TimeUnit.MILLISECONDS);
                                    } else {
                                        ctx.close();
                                    }
                                });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable thrown) {
        if (state == State.CLOSED) {
            return;
        }
        FailureClassifier.Failure failure = FailureClassifier.classify(thrown);
        if (failure.level() == Level.ERROR) {
            LOG.error(
                    "unexpected failure on the connection with {}; disconnecting",
                    peer(),
                    failure.cause());
        } else {
            LOG.debug(
                    "closing the connection with {} ({}): {}",
                    peer(),
                    failure.reason(),
                    failure.cause().toString());
        }
        if (failure.notifyPeer() && (state == State.AWAITING_HELLO || state == State.ACTIVE)) {
            disconnect(failure.reason());
        } else if (state != State.CLOSING) {
            closeReason = failure.reason();
            state = State.CLOSING;
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            if (helloTimeout != null) {
                helloTimeout.cancel(false);
            }
            if (closeReason == null) {
                closeReason = DisconnectReason.TCP_SUBSYSTEM_ERROR;
                closedByRemote = true;
            }
            LOG.debug(
                    "connection with {} closed: {} ({})",
                    peer(),
                    closeReason,
                    closedByRemote ? "by the peer" : "by us");
            if (session != null) {
                context.registry().remove(session);
                handlers.values().forEach(this::notifyClose);
                session.markClosed(closeReason, closedByRemote);
            }
            activation.completeExceptionally(
                    new SessionFailedException(
                            closeReason,
                            "connection with "
                                    + peer()
                                    + " closed before the session became active"));
        }
        super.channelInactive(ctx);
    }

    private void notifyClose(CapabilityHandler handler) {
        try {
            handler.onClose(closeReason);
        } catch (RuntimeException e) {
            LOG.error("capability handler of {} failed on close", peer(), e);
        }
    }

    private void write(P2pMessage message) {
        ctx.writeAndFlush(new WireMessage(message.code(), P2pCodec.encode(message)))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    /** "address (node id prefix…)" for log lines. */
    private String peer() {
        String id =
                remoteNodeId == null
                        ? "unknown id"
                        : Hex.encode(remoteNodeId).substring(0, 16) + "…";
        return ctx.channel().remoteAddress() + " (" + id + ")";
    }
}
