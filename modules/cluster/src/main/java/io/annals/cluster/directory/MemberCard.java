package io.annals.cluster.directory;

import io.annals.cluster.wire.ClusterMessage;
import java.util.Objects;

/**
 * A host of the cluster as the others know it: its stable id (the devp2p node id, from the node key
 * in its data directory, so a restarted host is the same member again), its current cluster address
 * and its enode URL (every host speaks devp2p and serves its store).
 */
public record MemberCard(String member, String address, String enode) implements ClusterMessage {

    public MemberCard {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(enode, "enode");
    }

    /** The engine's id of a peer session with this host: the first 16 hex digits of its node id. */
    public String peerId() {
        return member.substring(0, Math.min(16, member.length()));
    }
}
