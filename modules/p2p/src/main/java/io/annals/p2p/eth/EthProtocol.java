package io.annals.p2p.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.ForkIdValidator;
import io.annals.p2p.CapabilityHandler;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.SubProtocol;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.EthCapability;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The eth wire protocol, eth/68 to eth/70 (<a
 * href="https://github.com/ethereum/devp2p/blob/master/caps/eth.md">caps/eth.md</a>), plugged into
 * the transport as a {@link SubProtocol}: every session that negotiates eth exchanges Status, and a
 * peer that passes the checks is handed to {@code onPeerReady} as an {@link EthPeer}. Both sides
 * run on every session: this node requests through its peers and serves theirs from the {@link
 * ChainReader}.
 *
 * <pre>
 * EthProtocol eth = EthProtocol.create(EthSettings.fromConfig(config), Chains.MAINNET, store, worker,
 *         peer -&gt; sync.tell(new PeerJoined(peer)));
 * RlpxHost host = RlpxHost.create(nodeKey, p2pSettings, List.of(eth), SessionListener.NONE);
 * host.dial(enode).thenCompose(eth::peer).thenCompose(peer -&gt; peer.headers(0, 128, 0, false));
 * // after the store's head moved:
 * eth.chainUpdated();
 * </pre>
 *
 * <p>{@code worker} runs the chain reader's (possibly blocking) reads, the decoding of typed
 * responses and the completion of request futures; give it a few threads of its own.
 */
public final class EthProtocol implements SubProtocol {
    private final EthSettings settings;
    private final ChainSpec chain;
    private final ForkIdValidator forkIds;
    private final ChainReader reader;
    private final ChainServer server;
    private final Executor worker;
    private final Consumer<EthPeer> onPeerReady;
    private final Map<RlpxSession, EthConnection> connections = new ConcurrentHashMap<>();
    private volatile LocalChain local;

    private EthProtocol(
            EthSettings settings,
            ChainSpec chain,
            ChainReader reader,
            Executor worker,
            Consumer<EthPeer> onPeerReady) {
        this.settings = settings;
        this.chain = chain;
        this.forkIds = chain.forkIdValidator();
        this.reader = reader;
        this.server = new ChainServer(reader, settings);
        this.worker = worker;
        this.onPeerReady = onPeerReady;
        this.local = LocalChain.read(chain, reader);
    }

    /**
     * Reads the reader's range and head once, for the Status of the first sessions.
     *
     * @param onPeerReady told about each peer whose handshake succeeded, on its session's I/O
     *     thread (must not block)
     */
    public static EthProtocol create(
            EthSettings settings,
            ChainSpec chain,
            ChainReader reader,
            Executor worker,
            Consumer<EthPeer> onPeerReady) {
        return new EthProtocol(
                Objects.requireNonNull(settings),
                Objects.requireNonNull(chain),
                Objects.requireNonNull(reader),
                Objects.requireNonNull(worker),
                Objects.requireNonNull(onPeerReady));
    }

    @Override
    public String name() {
        return EthCapability.NAME;
    }

    @Override
    public Set<Integer> versions() {
        return settings.versions();
    }

    @Override
    public int messageCount(int version) {
        return EthCapability.messageCount(version);
    }

    @Override
    public CapabilityHandler attach(RlpxSession session, int version) {
        EthLink link = new EthLink(session, version, settings, worker);
        EthConnection connection = new EthConnection(link, chain, forkIds, server, onPeerReady);
        connections.put(session, connection);
        session.closed().whenComplete((reason, error) -> connections.remove(session));
        connection.start(local);
        return connection;
    }

    /**
     * The eth peer of a session: completes when its handshake succeeded, fails with {@link
     * PeerDisconnectedException} when the session ends first (or has ended), or at once with {@link
     * IllegalArgumentException} when the session does not speak eth.
     */
    public CompletableFuture<EthPeer> peer(RlpxSession session) {
        EthConnection connection = connections.get(session);
        if (connection == null) {
            CompletableFuture<DisconnectReason> closed = session.closed();
            return CompletableFuture.failedFuture(
                    closed.isDone()
                            ? new PeerDisconnectedException(closed.join(), session + " is closed")
                            : new IllegalArgumentException(session + " does not speak eth"));
        }
        return connection.ready().copy();
    }

    /**
     * The EIP-2124 fork id of our Status now, for the {@code eth} entry of the node record (it
     * moves with the served head, as {@link #chainUpdated()} re-reads it).
     */
    public io.annals.core.chain.ForkId forkId() {
        return local.forkId();
    }

    /**
     * Whether a node announcing {@code remote} (in its record's eth entry) can be on our chain,
     * judged against our served head as the Status handshake would.
     */
    public io.annals.core.chain.ForkIdValidation validateForkId(
            io.annals.core.chain.ForkId remote) {
        LocalChain snapshot = local;
        return forkIds.validate(remote, snapshot.range().latest(), snapshot.headTimestamp());
    }

    /** The peers whose handshake succeeded and whose session is still open. */
    public List<EthPeer> peers() {
        return connections.values().stream()
                .map(EthConnection::ready)
                .filter(ready -> ready.isDone() && !ready.isCompletedExceptionally())
                .map(CompletableFuture::join)
                .toList();
    }

    /**
     * Re-reads the served range and head after the chain moved, for later Status messages and the
     * fork id, and sends BlockRangeUpdate to eth/69+ peers when it moved enough. Call it from any
     * thread but a session's I/O thread (the reader may block).
     */
    public void chainUpdated() {
        LocalChain snapshot = LocalChain.read(chain, reader);
        local = snapshot;
        for (EthConnection connection : connections.values()) {
            connection.link().onLoop(() -> connection.chainMoved(snapshot));
        }
    }
}
