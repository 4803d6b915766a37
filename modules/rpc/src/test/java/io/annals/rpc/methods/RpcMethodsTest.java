package io.annals.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.rpc.NodeIdentity;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RpcMethodsTest {

    @Test
    void combinesTablesAndRefusesDuplicates() {
        RpcMethods web3 = Web3Methods.create(new NodeIdentity("Annals/test", 1, 1));
        RpcMethods all =
                RpcMethods.builder()
                        .addAll(web3)
                        .async(
                                "eth_blockNumber",
                                Arity.none(),
                                params -> CompletableFuture.completedFuture("0x0"))
                        .build();
        assertThat(all.names())
                .containsExactlyInAnyOrder(
                        "web3_clientVersion",
                        "web3_sha3",
                        "net_version",
                        "eth_chainId",
                        "eth_blockNumber",
                        "rpc_modules");
        assertThat(all.find("eth_blockNumber")).get().isInstanceOf(RpcMethod.Async.class);
        assertThat(all.find("web3_sha3")).get().isInstanceOf(RpcMethod.Blocking.class);
        assertThat(all.find("eth_nope")).isEmpty();

        RpcMethods.Builder builder = RpcMethods.builder().addAll(web3);
        assertThatThrownBy(() -> builder.addAll(web3)).hasMessageContaining("registered twice");
    }

    @Test
    void namesAreNamespacedLikeEthereumMethods() {
        assertThatThrownBy(() -> RpcMethods.builder().blocking("getLogs", Arity.none(), p -> null))
                .hasMessageContaining("namespace_method");
        assertThatThrownBy(() -> RpcMethods.builder().blocking("", Arity.none(), p -> null))
                .hasMessageContaining("namespace_method");
    }

    /**
     * Vectors: the web3_sha3 example of the Ethereum JSON-RPC documentation
     * (https://ethereum.org/en/developers/docs/apis/json-rpc/#web3_sha3) and Keccak-256 of the
     * empty string.
     */
    @Test
    void web3MethodsAnswerLikeGeth() throws Exception {
        RpcMethods methods =
                Web3Methods.create(
                        new NodeIdentity("Annals/v0.1.0/java17", 11_155_111, 11_155_111));
        ObjectMapper json = new ObjectMapper();

        assertThat(blocking(methods, "web3_sha3", json.readTree("[\"0x68656c6c6f20776f726c64\"]")))
                .isEqualTo("0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad");
        assertThat(blocking(methods, "web3_sha3", json.readTree("[\"0x\"]")))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(async(methods, "web3_clientVersion")).isEqualTo("Annals/v0.1.0/java17");
        assertThat(async(methods, "eth_chainId")).isEqualTo("0xaa36a7");
        assertThat(async(methods, "net_version")).isEqualTo("11155111");
    }

    private static Object blocking(
            RpcMethods methods, String name, com.fasterxml.jackson.databind.JsonNode params)
            throws Exception {
        RpcMethod.Blocking method = (RpcMethod.Blocking) methods.find(name).orElseThrow();
        return method.handler().handle(RpcParams.of(params, method.arity()));
    }

    private static Object async(RpcMethods methods, String name) throws Exception {
        RpcMethod.Async method = (RpcMethod.Async) methods.find(name).orElseThrow();
        return method.handler().handle(RpcParams.of(null, method.arity())).get();
    }
}
