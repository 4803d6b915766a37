package io.annals.devnet.peer;

import io.annals.core.chain.ChainSpec;
import io.annals.core.crypto.Keccak256;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.SessionListener;
import io.annals.p2p.SubProtocol;
import io.annals.p2p.eth.EthProtocol;
import io.annals.p2p.eth.EthSettings;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.RlpxHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One devnet peer: a real RLPx host with its own node key and port, speaking eth/68-70 through the
 * p2p module's {@link EthProtocol}, whose chain reader is this peer's {@link PeerView}, wrapped in
 * {@link SessionFaults} for the plan's session faults and the peer's counters. The peer only
 * serves: it never requests anything from the nodes that connect to it.
 */
public final class DevnetPeer implements AutoCloseable {
    private final int index;
    private final PeerView view;
    private final EthProtocol eth;
    private final RlpxHost host;
    private final PeerStats stats;

    private DevnetPeer(int index, PeerView view, EthProtocol eth, RlpxHost host, PeerStats stats) {
        this.index = index;
        this.view = view;
        this.eth = eth;
        this.host = host;
        this.stats = stats;
    }

    /**
     * Starts peer {@code index} listening on {@code p2p}'s address (port 0: a free one).
     *
     * @param worker runs the view's reads for the eth layer (shared by the devnet's peers)
     */
    public static DevnetPeer start(
            int index,
            long seed,
            ChainSpec spec,
            PeerView view,
            P2pSettings p2p,
            EthSettings ethSettings,
            Executor worker) {
        PeerStats stats = new PeerStats();
        EthProtocol eth = EthProtocol.create(ethSettings, spec, view, worker, peer -> {});
        // also wraps a well-behaved peer: the wrapper passes its messages through and counts them
        SubProtocol protocol = new SessionFaults(eth, view.plan(), ethSettings, seed, index, stats);
        RlpxHost host =
                RlpxHost.create(nodeKey(seed, index), p2p, List.of(protocol), SessionListener.NONE);
        try {
            host.listen().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            host.close();
            throw new IllegalStateException("interrupted while starting devnet peer " + index, e);
        } catch (ExecutionException | TimeoutException e) {
            host.close();
            throw new IllegalStateException(
                    "devnet peer "
                            + index
                            + " cannot listen on "
                            + p2p.listenHost()
                            + ":"
                            + p2p.listenPort()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        return new DevnetPeer(index, view, eth, host, stats);
    }

    /**
     * The node key of peer {@code index}: fixed by the seed, so enode ids stay the same across
     * runs.
     */
    public static NodeKey nodeKey(long seed, int index) {
        byte[] key =
                Keccak256.hash(
                        ("annals devnet peer " + seed + "/" + index)
                                .getBytes(StandardCharsets.UTF_8));
        return NodeKey.fromPrivateKey(key);
    }

    public int index() {
        return index;
    }

    public Enode enode() {
        return host.localEnode().orElseThrow();
    }

    public PeerView view() {
        return view;
    }

    public PeerStats stats() {
        return stats;
    }

    /** The eth protocol serving this peer's sessions. */
    public EthProtocol eth() {
        return eth;
    }

    /**
     * Re-reads the view for later Status messages and announces the new head (BlockRangeUpdate).
     */
    public void chainUpdated() {
        eth.chainUpdated();
    }

    @Override
    public void close() {
        host.close();
    }
}
