package io.annals.p2p.discovery;

import io.annals.core.crypto.Keccak256;
import io.annals.core.types.Hash;
import io.annals.core.util.Hex;
import io.annals.p2p.discv4.Endpoint;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.identity.Enode;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A node some discovery mechanism knows of: its public key (the devp2p node id), its Kademlia id
 * ({@code keccak256(public key)}, as discv4 and discv5 both use for the v4 identity scheme), the
 * endpoint it was seen at, and its latest node record if one is known.
 */
public record DiscoveredNode(byte[] publicKey, Hash id, Endpoint endpoint, Optional<Enr> enr) {
    public DiscoveredNode {
        if (publicKey.length != 64) {
            throw new IllegalArgumentException("a node's public key is 64 bytes");
        }
        publicKey = publicKey.clone();
        Objects.requireNonNull(id);
        Objects.requireNonNull(endpoint);
        Objects.requireNonNull(enr);
    }

    public static DiscoveredNode of(byte[] publicKey, Endpoint endpoint) {
        return new DiscoveredNode(
                publicKey, Keccak256.hashOf(publicKey), endpoint, Optional.empty());
    }

    /** A node from its record (DNS lists, ENRResponse); empty when it has no IPv4 and UDP port. */
    public static Optional<DiscoveredNode> fromEnr(Enr enr) {
        if (enr.ip().isEmpty() || enr.udp().isEmpty()) {
            return Optional.empty();
        }
        Endpoint endpoint = new Endpoint(enr.ip().get(), enr.udp().getAsInt(), enr.tcp().orElse(0));
        return Optional.of(
                new DiscoveredNode(
                        enr.publicKey(),
                        Keccak256.hashOf(enr.publicKey()),
                        endpoint,
                        Optional.of(enr)));
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyHex() {
        return Hex.encode(publicKey);
    }

    /** The same node at another endpoint, or with a newer record. */
    public DiscoveredNode withEndpoint(Endpoint newEndpoint) {
        return new DiscoveredNode(publicKey, id, newEndpoint, enr);
    }

    public DiscoveredNode withEnr(Enr record) {
        return new DiscoveredNode(publicKey, id, endpoint, Optional.of(record));
    }

    /** Whether a TCP port is known, so RLPx can dial it. */
    public boolean isDialable() {
        return endpoint.tcpPort() != 0;
    }

    /** The enode URL to dial (TCP from the endpoint, discovery port its UDP port). */
    public Enode enode() {
        return new Enode(
                publicKey, endpoint.ip().getHostAddress(), endpoint.tcpPort(), endpoint.udpPort());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscoveredNode other
                && Arrays.equals(publicKey, other.publicKey)
                && endpoint.equals(other.endpoint)
                && enr.equals(other.enr);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return publicKeyHex().substring(0, 12) + "…@" + endpoint;
    }
}
