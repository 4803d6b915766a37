package io.annals.rpc.methods;

import io.annals.core.crypto.Keccak256;
import io.annals.rpc.NodeIdentity;
import io.annals.rpc.json.HexData;
import io.annals.rpc.json.Quantity;
import java.util.concurrent.CompletableFuture;

/**
 * The methods every node answers without a store, with go-ethereum's result shapes: {@code
 * web3_clientVersion} (string), {@code web3_sha3} (Keccak-256 of the data, 0x-hex), {@code
 * net_version} (network id in decimal) and {@code eth_chainId} (chain id as a quantity).
 *
 * @see <a href="https://ethereum.org/en/developers/docs/apis/json-rpc/#web3_sha3">web3 and net
 *     methods</a>
 */
public final class Web3Methods {
    private Web3Methods() {}

    public static RpcMethods create(NodeIdentity identity) {
        CompletableFuture<String> clientVersion =
                CompletableFuture.completedFuture(identity.clientVersion());
        CompletableFuture<String> netVersion =
                CompletableFuture.completedFuture(Long.toString(identity.networkId()));
        CompletableFuture<String> chainId =
                CompletableFuture.completedFuture(Quantity.encode(identity.chainId()));
        return RpcMethods.builder()
                .async("web3_clientVersion", Arity.none(), params -> clientVersion)
                .async("net_version", Arity.none(), params -> netVersion)
                .async("eth_chainId", Arity.none(), params -> chainId)
                // the input may be megabytes: hash it off the event loop
                .blocking(
                        "web3_sha3",
                        Arity.exactly(1),
                        params -> HexData.encode(Keccak256.hash(params.data(0))))
                .build();
    }
}
