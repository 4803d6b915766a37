package io.annals.node.service;

import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.peers.EvictionReason;
import io.annals.p2p.peers.PeerManager;
import io.annals.p2p.peers.PeerSettings;
import io.annals.p2p.peers.PeerUsefulness;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.store.HistoryStore;
import io.annals.sync.link.EthPeerLink;
import io.annals.sync.link.PeerLink;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Between the eth protocol and the sync engine: tells the peer manager each ready peer's eth
 * version, turns away (evicts) a peer that holds none of the history the node still needs, and
 * hands the rest to the engine behind a {@link WatchedLink}, until closed; afterwards a ready peer
 * is told we quit.
 *
 * <p>"The history the node still needs" starts at the first block the store lacks (from the start
 * block up, or above the contiguous head) and ends at the end block, if any: an eth/69+ peer whose
 * announced range lies wholly outside it serves nothing the node needs, and a history node keeps
 * its slots for peers that do.
 */
final class PeerGate {
    private final Consumer<PeerLink> peers;
    private final OptionalLong endBlock;
    private final HistoryStore store;
    private final PeerManager manager;
    private final PeerSettings settings;
    private final UnaryOperator<PeerLink> wrapLink;
    private volatile boolean open = true;

    /**
     * @param wrapLink how the engine sees a ready peer's link (a cluster host limits a link to
     *     another host to the run it takes over from it); identity otherwise
     */
    PeerGate(
            Consumer<PeerLink> peers,
            OptionalLong endBlock,
            HistoryStore store,
            PeerManager manager,
            PeerSettings settings,
            UnaryOperator<PeerLink> wrapLink) {
        this.peers = peers;
        this.endBlock = endBlock;
        this.store = store;
        this.manager = manager;
        this.settings = settings;
        this.wrapLink = wrapLink;
    }

    void onPeerReady(EthPeer peer) {
        if (!open) {
            peer.disconnect(DisconnectReason.CLIENT_QUITTING);
            return;
        }
        manager.ethReady(peer.id(), peer.version());
        Optional<EvictionReason> useless = noHistory(peer.announcedRange());
        if (useless.isPresent()) {
            manager.evict(peer.id(), useless.get());
            return;
        }
        PeerLink link =
                wrapLink.apply(
                        new WatchedLink(
                                new EthPeerLink(peer),
                                PeerUsefulness.of(settings),
                                reason -> manager.evict(peer.id(), reason)));
        peers.accept(endBlock.isPresent() ? new EndBlockLink(link, endBlock.getAsLong()) : link);
    }

    private Optional<EvictionReason> noHistory(Optional<AnnouncedRange> announced) {
        if (announced.isEmpty()) {
            return Optional.empty(); // eth/68 announces no range: the probes decide
        }
        long firstNeeded = Math.max(store.startBlock(), store.contiguousHead().orElse(-1) + 1);
        return servesNeeded(announced.get(), firstNeeded, endBlock)
                ? Optional.empty()
                : Optional.of(EvictionReason.NO_HISTORY);
    }

    /**
     * Whether a peer announcing {@code range} can serve any block the node still needs: from {@code
     * firstNeeded} up to the end block, or on up the chain without one. The only blocks a peer
     * cannot serve are those below its earliest block; a peer that expired the history below it
     * (EIP-4444) still serves everything above, which the node needs as much as the blocks below
     * (those come from era files, or are reported as having no source), and a peer at or behind the
     * node's head serves the blocks to come. So only a peer whose earliest block lies above the end
     * block is turned away.
     */
    static boolean servesNeeded(AnnouncedRange range, long firstNeeded, OptionalLong endBlock) {
        if (endBlock.isEmpty() || firstNeeded > endBlock.getAsLong()) {
            return true; // the chain goes on, or nothing is left to fetch: the peer only gets
            // served
        }
        return range.earliest() <= endBlock.getAsLong();
    }

    void close() {
        open = false;
    }
}
