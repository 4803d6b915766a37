package io.annals.core.chain;

import java.util.List;

/**
 * Where a node starts looking for peers on a network: discv4 bootnodes (enode URLs) and EIP-1459
 * DNS node lists (enrtree URLs). Kept beside the chain spec rather than in it: two nodes of one
 * chain agree on the chain whatever bootnodes they use.
 */
public record NetworkPeers(List<String> bootnodes, List<String> dnsLists) {
    public static final NetworkPeers NONE = new NetworkPeers(List.of(), List.of());

    public NetworkPeers {
        bootnodes = List.copyOf(bootnodes);
        dnsLists = List.copyOf(dnsLists);
    }
}
