package io.annals.rpc;

/**
 * What the node says about itself over RPC: {@code web3_clientVersion}, {@code eth_chainId}
 * (EIP-155 chain id) and {@code net_version} (devp2p network id; equal to the chain id on public
 * networks).
 */
public record NodeIdentity(String clientVersion, long chainId, long networkId) {
    public NodeIdentity {
        if (clientVersion == null || clientVersion.isBlank()) {
            throw new IllegalArgumentException("a client version is required");
        }
        if (chainId <= 0 || networkId <= 0) {
            throw new IllegalArgumentException(
                    "chain and network ids are positive: " + chainId + ", " + networkId);
        }
    }
}
