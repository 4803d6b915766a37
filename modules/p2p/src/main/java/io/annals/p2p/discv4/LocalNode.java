package io.annals.p2p.discv4;

import io.annals.core.chain.ForkId;
import io.annals.p2p.Nat;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.enr.LocalNodeRecord;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What discovery says about this node: its advertised endpoint and its node record, re-signed (seq
 * + 1) when the address, a port or the fork id changes. The address starts as {@link
 * io.annals.p2p.AdvertisedAddress#choose} picked it and follows the peers' votes when the NAT
 * setting trusts them. Owned by the discovery thread.
 */
public final class LocalNode {
    private final LocalNodeRecord record;
    private final Nat nat;
    private final Supplier<Optional<ForkId>> forkId;
    private final int tcpPort;
    private InetAddress address;
    private int udpPort;
    private Enr current;

    public LocalNode(
            LocalNodeRecord record,
            Nat nat,
            InetAddress initialAddress,
            int tcpPort,
            Supplier<Optional<ForkId>> forkId) {
        this.record = record;
        this.nat = nat;
        this.address = initialAddress;
        this.tcpPort = tcpPort;
        this.forkId = forkId;
    }

    /** Called once the UDP socket is bound. */
    void bound(int port) {
        this.udpPort = port;
        refresh();
    }

    /** A new majority address from the Pong votes; ignored unless the NAT setting trusts peers. */
    void voted(InetAddress winner) {
        if (nat.trustsPeers() && !winner.equals(address)) {
            address = winner;
            refresh();
        }
    }

    /** Re-reads the fork id; signs a new record if anything changed. */
    Enr refresh() {
        current = record.update(address, tcpPort, udpPort, forkId.get());
        return current;
    }

    public Enr record() {
        return current != null ? current : refresh();
    }

    public Endpoint endpoint() {
        return new Endpoint(address, udpPort, tcpPort);
    }

    public InetAddress address() {
        return address;
    }
}
