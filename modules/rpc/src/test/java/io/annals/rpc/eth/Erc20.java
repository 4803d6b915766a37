package io.annals.rpc.eth;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;

/**
 * The ERC-20 events client libraries decode (EIP-20), and how an address sits in an indexed topic.
 */
public final class Erc20 {
    /** keccak256("Transfer(address,address,uint256)"). */
    public static final Hash TRANSFER =
            Hash.fromHex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

    /** keccak256("Approval(address,address,uint256)"). */
    public static final Hash APPROVAL =
            Hash.fromHex("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925");

    private Erc20() {}

    /**
     * An indexed address parameter: the address left-padded with zeros to 32 bytes (ABI encoding).
     */
    public static Hash topic(Address address) {
        byte[] word = new byte[32];
        System.arraycopy(address.unsafeArray(), 0, word, 32 - Address.SIZE, Address.SIZE);
        return Hash.wrap(word);
    }

    /** The address an indexed address topic holds (its low 20 bytes). */
    public static Address address(Hash topic) {
        return Address.copyOf(topic.unsafeArray(), 32 - Address.SIZE);
    }
}
