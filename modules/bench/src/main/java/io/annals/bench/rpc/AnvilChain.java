package io.annals.bench.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.util.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes a chain in anvil for the comparison: {@link #CONTRACTS} token-like contracts, then {@code
 * blocks} blocks of {@code transactionsPerBlock} calls each, from anvil's ten unlocked accounts to
 * contracts picked with a skew (contract i about e^(-i/4) as often as contract 0), each call
 * emitting four logs: ERC-20 {@code Transfer}s, and for the last four contracts (the rare ones) an
 * {@code Approval} in place of the fourth, so that a topic0 query is selective. anvil runs with
 * mining off; each block is one {@code evm_mine}. The contracts are hand-assembled EVM code
 * (below), so no compiler is needed.
 */
final class AnvilChain {
    static final int CONTRACTS = 16;
    static final String TRANSFER =
            "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    static final String APPROVAL =
            "8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925";

    private final JsonRpcClient anvil;
    private final List<String> accounts = new ArrayList<>();
    private final List<String> contracts = new ArrayList<>();

    AnvilChain(JsonRpcClient anvil) {
        this.anvil = anvil;
    }

    /**
     * Runtime code: mem[0..32] = calldata word 1 (the value); then LOG3(mem[0..32], Transfer,
     * caller, calldata word 0) three times and once more with Transfer or Approval; STOP.
     */
    static String runtimeCode(boolean approves) {
        StringBuilder code =
                new StringBuilder("602035600052"); // PUSH1 32 CALLDATALOAD PUSH1 0 MSTORE
        for (String topic : List.of(TRANSFER, TRANSFER, TRANSFER, approves ? APPROVAL : TRANSFER)) {
            // PUSH1 0 CALLDATALOAD, CALLER, PUSH32 topic, PUSH1 32, PUSH1 0, LOG3
            code.append("600035")
                    .append("33")
                    .append("7f")
                    .append(topic)
                    .append("60206000")
                    .append("a3");
        }
        return code.append("00").toString();
    }

    /** Init code that returns the runtime code (CODECOPY it to memory 0, RETURN it). */
    static String initCode(boolean approves) {
        String runtime = runtimeCode(approves);
        String length = String.format("%02x", runtime.length() / 2);
        return "60" + length + "600c600039" + "60" + length + "6000f3" + runtime;
    }

    /** Builds the chain; returns the contracts' addresses. */
    List<String> build(int blocks, int transactionsPerBlock, long seed)
            throws IOException, InterruptedException {
        anvil.call("eth_accounts", "[]").forEach(a -> accounts.add(a.asText()));
        String deployer = accounts.get(0);
        List<String> deployments = new ArrayList<>();
        for (int i = 0; i < CONTRACTS; i++) {
            deployments.add(
                    anvil.call(
                                    "eth_sendTransaction",
                                    "[{\"from\":\""
                                            + deployer
                                            + "\",\"gas\":\"0x30000\",\"data\":\"0x"
                                            + initCode(i >= CONTRACTS - 4)
                                            + "\"}]")
                            .asText());
        }
        anvil.call("evm_mine", "[]");
        for (String tx : deployments) {
            JsonNode receipt = anvil.call("eth_getTransactionReceipt", "[\"" + tx + "\"]");
            contracts.add(receipt.get("contractAddress").asText());
        }
        Random random = new Random(seed);
        for (int b = 1; b < blocks; b++) {
            for (int t = 0; t < transactionsPerBlock; t++) {
                String from = accounts.get(random.nextInt(accounts.size()));
                // a skew: contract i is picked about twice as often as contract i + 2
                int contract =
                        (int)
                                Math.min(
                                        CONTRACTS - 1,
                                        Math.floor(-Math.log(random.nextDouble()) * 4));
                byte[] to = new byte[32];
                byte[] value = new byte[32];
                random.nextBytes(to);
                random.nextBytes(value);
                for (int i = 0; i < 12; i++) {
                    to[i] = 0; // an address in a word
                }
                for (int i = 0; i < 20; i++) {
                    value[i] = 0; // an amount of 12 bytes
                }
                anvil.call(
                        "eth_sendTransaction",
                        "[{\"from\":\""
                                + from
                                + "\",\"to\":\""
                                + contracts.get(contract)
                                + "\",\"gas\":\"0x30000\",\"data\":\"0x"
                                + Hex.encode(to)
                                + Hex.encode(value)
                                + "\"}]");
            }
            anvil.call("evm_mine", "[]");
        }
        return contracts;
    }
}
