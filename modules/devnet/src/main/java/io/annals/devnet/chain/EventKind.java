package io.annals.devnet.chain;

import io.annals.core.crypto.Keccak256;
import io.annals.core.types.Hash;
import java.nio.charset.StandardCharsets;

/**
 * An event a contract emits: its signature topic and its layout (how many indexed parameters follow
 * topic 0, how many of them are addresses, how many 32-byte data words it carries).
 */
record EventKind(Hash topic0, long topic0Bloom, int indexed, int indexedAddresses, int dataWords) {

    /** A real event, its topic the Keccak-256 of its canonical signature. */
    static EventKind of(String signature, int indexed, int indexedAddresses, int dataWords) {
        Hash topic = Hash.wrap(Keccak256.hash(signature.getBytes(StandardCharsets.UTF_8)));
        return new EventKind(
                topic,
                BloomBits.positions(topic.unsafeArray()),
                indexed,
                indexedAddresses,
                dataWords);
    }

    /**
     * The most frequent events on mainnet, most frequent first: ERC-20 Transfer and Approval,
     * Uniswap v2 Swap and Sync, Uniswap v3 Swap, WETH Deposit and Withdrawal, ERC-1155
     * TransferSingle, ERC-721-style ApprovalForAll.
     */
    static EventKind[] popular() {
        return new EventKind[] {
            of("Transfer(address,address,uint256)", 2, 2, 1),
            of("Approval(address,address,uint256)", 2, 2, 1),
            of("Swap(address,uint256,uint256,uint256,uint256,address)", 2, 2, 4),
            of("Sync(uint112,uint112)", 0, 0, 2),
            of("Swap(address,address,int256,int256,uint160,uint128,int24)", 2, 2, 5),
            of("Deposit(address,uint256)", 1, 1, 1),
            of("Withdrawal(address,uint256)", 1, 1, 1),
            of("TransferSingle(address,address,address,uint256,uint256)", 3, 3, 2),
            of("ApprovalForAll(address,address,bool)", 2, 2, 1),
        };
    }
}
