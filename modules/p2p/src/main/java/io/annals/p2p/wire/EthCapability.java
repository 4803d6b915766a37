package io.annals.p2p.wire;

import java.util.Set;

/**
 * What the transport needs to know about "eth" (<a
 * href="https://github.com/ethereum/devp2p/blob/master/caps/eth.md">caps/eth.md</a>): the versions
 * this node speaks and how many message ids each uses. The messages themselves live with the eth
 * implementation, which plugs in as a {@link io.annals.p2p.SubProtocol}.
 */
public final class EthCapability {
    public static final String NAME = "eth";

    /** eth/68 (EIP-5793), eth/69 (EIP-7642), eth/70 (EIP-7975); the highest shared one is used. */
    public static final Set<Integer> VERSIONS = Set.of(68, 69, 70);

    private EthCapability() {}

    /**
     * eth/68 uses ids 0x00-0x10 (Status .. Receipts); eth/69 adds BlockRangeUpdate (0x11), which
     * eth/70 keeps.
     */
    public static int messageCount(int version) {
        return version >= 69 ? 0x12 : 0x11;
    }
}
