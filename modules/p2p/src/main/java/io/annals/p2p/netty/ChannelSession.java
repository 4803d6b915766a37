package io.annals.p2p.netty;

import io.annals.core.util.Hex;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.wire.Capability;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.NegotiatedCapabilities;
import io.annals.p2p.wire.P2pMessage;
import io.annals.p2p.wire.SharedCapability;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@link RlpxSession} of one Netty channel. Its identity fields are fixed at activation; every
 * action hops onto the channel's event loop, where {@link SessionHandler} owns the state.
 */
final class ChannelSession implements RlpxSession {
    private final SessionHandler handler;
    private final Channel channel;
    private final byte[] remoteNodeId;
    private final String remoteNodeIdHex;
    private final P2pMessage.Hello hello;
    private final NegotiatedCapabilities negotiated;
    private final boolean initiator;
    private final CompletableFuture<DisconnectReason> closed = new CompletableFuture<>();
    private volatile boolean closedByRemote;

    ChannelSession(
            SessionHandler handler,
            Channel channel,
            byte[] remoteNodeId,
            P2pMessage.Hello hello,
            NegotiatedCapabilities negotiated,
            boolean initiator) {
        this.handler = handler;
        this.channel = channel;
        this.remoteNodeId = remoteNodeId.clone();
        this.remoteNodeIdHex = Hex.encode(remoteNodeId);
        this.hello = hello;
        this.negotiated = negotiated;
        this.initiator = initiator;
    }

    @Override
    public byte[] remoteNodeId() {
        return remoteNodeId.clone();
    }

    @Override
    public String remoteNodeIdHex() {
        return remoteNodeIdHex;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public boolean isInitiator() {
        return initiator;
    }

    @Override
    public String clientId() {
        return hello.clientId();
    }

    @Override
    public List<Capability> capabilities() {
        return hello.capabilities();
    }

    /** The shared capabilities with their id ranges. */
    NegotiatedCapabilities negotiated() {
        return negotiated;
    }

    @Override
    public OptionalInt negotiatedVersion(String capabilityName) {
        return negotiated
                .byName(capabilityName)
                .map(c -> OptionalInt.of(c.version()))
                .orElse(OptionalInt.empty());
    }

    /** {@inheritDoc} The payload array is sent as it is: do not modify it after the call. */
    @Override
    public CompletableFuture<Void> send(String capabilityName, int code, byte[] payload) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        SharedCapability capability = negotiated.byName(capabilityName).orElse(null);
        if (capability == null) {
            result.completeExceptionally(
                    new IllegalArgumentException(
                            "capability " + capabilityName + " was not negotiated"));
        } else if (code < 0 || code >= capability.messageCount()) {
            result.completeExceptionally(
                    new IllegalArgumentException(
                            "message code "
                                    + code
                                    + " is outside "
                                    + capabilityName
                                    + "/"
                                    + capability.version()
                                    + "'s range"));
        } else {
            onEventLoop(result, () -> handler.send(capability.offset() + code, payload, result));
        }
        return result;
    }

    @Override
    public void disconnect(DisconnectReason reason) {
        onEventLoop(null, () -> handler.disconnect(reason));
    }

    @Override
    public CompletableFuture<DisconnectReason> closed() {
        return closed.copy();
    }

    @Override
    public ScheduledExecutorService executor() {
        return channel.eventLoop();
    }

    @Override
    public boolean closedByRemote() {
        return closedByRemote;
    }

    void markClosed(DisconnectReason reason, boolean byRemote) {
        closedByRemote = byRemote;
        closed.complete(reason);
    }

    private void onEventLoop(CompletableFuture<Void> result, Runnable action) {
        try {
            channel.eventLoop().execute(action);
        } catch (RejectedExecutionException e) {
            if (result != null) {
                result.completeExceptionally(new IllegalStateException("session is closed", e));
            }
        }
    }

    @Override
    public String toString() {
        return "RlpxSession["
                + remoteNodeIdHex.substring(0, 16)
                + "… "
                + channel.remoteAddress()
                + " "
                + hello.clientId()
                + "]";
    }
}
