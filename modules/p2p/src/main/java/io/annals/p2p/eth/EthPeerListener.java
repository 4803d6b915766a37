package io.annals.p2p.eth;

import io.annals.p2p.eth.message.BlockHashAnnouncement;
import io.annals.p2p.wire.DisconnectReason;
import java.util.List;

/**
 * Told about what a peer announces after the handshake. Calls come from the session's I/O thread,
 * in wire order: implementations must not block (tell an actor, enqueue).
 */
public interface EthPeerListener {
    /**
     * eth/69+: the peer announced a new served range (BlockRangeUpdate); a hint, see {@link
     * AnnouncedRange}.
     */
    default void onBlockRange(EthPeer peer, AnnouncedRange range) {}

    /** The peer announced new blocks (NewBlockHashes, pre-merge gossip); a hint. */
    default void onNewBlockHashes(EthPeer peer, List<BlockHashAnnouncement> announcements) {}

    /**
     * The session ended; every outstanding request has failed with {@link
     * PeerDisconnectedException}.
     */
    default void onClosed(EthPeer peer, DisconnectReason reason) {}
}
