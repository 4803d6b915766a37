package io.annals.p2p.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.ForkIdValidator;
import io.annals.core.rlp.RlpException;
import io.annals.p2p.CapabilityHandler;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.eth.message.EthMessageCodes;
import io.annals.p2p.wire.DisconnectReason;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The eth protocol on one session: the Status handshake, then the dispatch of every message to the
 * part that handles it (responses to the {@link RequestTracker}, requests to the {@link
 * RequestServer}, announcements to the {@link RemoteEthPeer}). Gossip this history node does not
 * use is dropped without penalty. Lives on the session's I/O thread, which owns all its state.
 *
 * <pre>
 * attach ── send our Status, start status-timeout
 *   AWAITING_STATUS ── peer's Status ── {@link StatusCheck} ── ok ──▶ ACTIVE (peer handed out)
 *                                                            └─ no ──▶ Disconnect(reason), logged
 *   ACTIVE ── requests served, responses matched, BlockRangeUpdate checked, gossip dropped
 * </pre>
 */
final class EthConnection implements CapabilityHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EthConnection.class);

    private enum State {
        AWAITING_STATUS,
        ACTIVE,
        CLOSED
    }

    private final EthLink link;
    private final ChainSpec chain;
    private final ForkIdValidator forkIds;
    private final RequestTracker tracker;
    private final RequestServer server;
    private final Consumer<EthPeer> onReady;
    private final CompletableFuture<EthPeer> ready = new CompletableFuture<>();
    private State state = State.AWAITING_STATUS;
    private LocalChain local;
    private AnnouncedRange announced;
    private ScheduledFuture<?> statusTimeout;
    private RemoteEthPeer peer;

    EthConnection(
            EthLink link,
            ChainSpec chain,
            ForkIdValidator forkIds,
            ChainServer chainServer,
            Consumer<EthPeer> onReady) {
        this.link = link;
        this.chain = chain;
        this.forkIds = forkIds;
        this.tracker = new RequestTracker(link);
        this.server = new RequestServer(link, chainServer);
        this.onReady = onReady;
    }

    EthLink link() {
        return link;
    }

    /** Completes once the handshake succeeded; fails when the session ends before. */
    CompletableFuture<EthPeer> ready() {
        return ready;
    }

    /** Sends our Status and starts waiting for the peer's; on the I/O thread. */
    void start(LocalChain snapshot) {
        local = snapshot;
        announced = snapshot.range();
        link.send(snapshot.status(link.version()));
        long millis = link.settings().statusTimeout().toMillis();
        statusTimeout =
                link.loop()
                        .schedule(
                                () -> {
                                    if (state == State.AWAITING_STATUS) {
                                        link.fail(
                                                DisconnectReason.TIMEOUT,
                                                "no Status within " + millis + " ms");
                                    }
                                },
                                millis,
                                TimeUnit.MILLISECONDS);
    }

    @Override
    public void onMessage(int code, byte[] payload) {
        if (state == State.CLOSED || link.failed()) {
            return;
        }
        EthMessage message;
        try {
            message = link.decoder().decode(code, payload);
        } catch (RlpException e) {
            link.fail(
                    DisconnectReason.BREACH_OF_PROTOCOL,
                    "malformed " + EthMessageCodes.name(code) + ": " + e.getMessage());
            return;
        }
        if (state == State.AWAITING_STATUS) {
            onHandshakeMessage(message);
        } else {
            dispatch(message);
        }
    }

    private void onHandshakeMessage(EthMessage message) {
        if (message instanceof EthMessage.Status status) {
            onStatus(status);
        } else if (!(message instanceof EthMessage.Ignored)) {
            link.fail(
                    DisconnectReason.BREACH_OF_PROTOCOL,
                    EthMessageCodes.name(message.code()) + " before Status");
        }
    }

    private void onStatus(EthMessage.Status status) {
        statusTimeout.cancel(false);
        Optional<StatusCheck.Rejection> rejection =
                StatusCheck.check(link.version(), local, forkIds, status);
        if (rejection.isPresent()) {
            link.fail(
                    rejection.get().reason(),
                    "eth handshake refused: " + rejection.get().description());
            return;
        }
        state = State.ACTIVE;
        peer = new RemoteEthPeer(link, tracker, chain, status);
        ready.complete(peer);
        try {
            onReady.accept(peer);
        } catch (RuntimeException e) {
            LOG.error("the listener of new eth peers failed for {}", link.peerName(), e);
        }
        // the chain may have moved while the peer's Status was on its way
        chainMoved(local);
    }

    private void dispatch(EthMessage message) {
        if (message instanceof EthMessage.Response response) {
            tracker.deliver(response)
                    .ifPresent(problem -> link.fail(DisconnectReason.BREACH_OF_PROTOCOL, problem));
        } else if (message instanceof EthMessage.GetBlockHeaders
                || message instanceof EthMessage.GetBlockBodies
                || message instanceof EthMessage.GetReceipts) {
            server.submit(message);
        } else if (message instanceof EthMessage.GetPooledTransactions request) {
            link.send(new EthMessage.PooledTransactions(request.requestId()));
        } else if (message instanceof EthMessage.BlockRangeUpdate update) {
            if (update.range().isValid()) {
                peer.onBlockRange(update.range());
            } else {
                link.fail(
                        DisconnectReason.BREACH_OF_PROTOCOL,
                        "BlockRangeUpdate " + update.range() + " with earliest > latest");
            }
        } else if (message instanceof EthMessage.NewBlockHashes hashes) {
            peer.onNewBlockHashes(hashes.announcements());
        } else if (message instanceof EthMessage.Status) {
            link.fail(DisconnectReason.BREACH_OF_PROTOCOL, "a second Status");
        }
        // Ignored gossip and PooledTransactions (never asked for) are dropped
    }

    /**
     * The served chain moved: on eth/69+, tell the peer with BlockRangeUpdate once the head moved
     * by {@code range-update-interval} blocks (or back), the head was replaced at the same height
     * (a reorg: under proof of stake usually one of the same length, which would otherwise go
     * unannounced while the peer keeps our old head hash), or the earliest block changed; on the
     * I/O thread.
     */
    void chainMoved(LocalChain snapshot) {
        local = snapshot;
        if (state != State.ACTIVE || link.version() < 69) {
            return;
        }
        AnnouncedRange current = snapshot.range();
        long interval = link.settings().rangeUpdateInterval();
        boolean headMoved =
                Long.compareUnsigned(current.latest(), announced.latest()) < 0
                        || Long.compareUnsigned(current.latest() - announced.latest(), interval)
                                >= 0;
        boolean headReplaced =
                current.latest() == announced.latest()
                        && !current.latestHash().equals(announced.latestHash());
        if (headMoved || headReplaced || current.earliest() != announced.earliest()) {
            announced = current;
            link.send(new EthMessage.BlockRangeUpdate(current));
        }
    }

    @Override
    public void onClose(DisconnectReason reason) {
        state = State.CLOSED;
        if (statusTimeout != null) {
            statusTimeout.cancel(false);
        }
        tracker.close(
                new PeerDisconnectedException(
                        reason, "session with " + link.peerName() + " closed"));
        ready.completeExceptionally(
                new PeerDisconnectedException(
                        reason,
                        "session with "
                                + link.peerName()
                                + " closed before the eth handshake completed"));
        if (peer != null) {
            peer.onClosed(reason);
        }
    }
}
