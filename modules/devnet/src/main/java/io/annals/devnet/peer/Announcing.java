package io.annals.devnet.peer;

import io.annals.p2p.eth.EthSettings;
import java.util.Set;

/**
 * How a devnet peer tells its sessions about new blocks, as the real network's peers do. The eth
 * layer never gossips blocks or NewBlockHashes (after the merge nobody does); what is left is the
 * eth/69 {@code BlockRangeUpdate}.
 */
public enum Announcing {
    /**
     * Nothing: the peer speaks eth/68 only, so its Status head hash is all it ever says (an eth/68
     * peer after the merge).
     */
    NONE("none"),
    /**
     * BlockRangeUpdate at most once per 32 blocks, as EIP-7642 asks ("at most once per epoch"): an
     * eth/69 peer as the network has them.
     */
    EPOCH("epoch"),
    /** BlockRangeUpdate for every new head: kinder than any real peer. */
    EVERY_BLOCK("every-block");

    /** eth/69's announcement interval, EIP-7642: one epoch. */
    public static final long EPOCH_BLOCKS = 32;

    private final String configName;

    Announcing(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The mode named {@code name} in configuration, or null when there is none. */
    public static Announcing named(String name) {
        for (Announcing mode : values()) {
            if (mode.configName.equals(name)) {
                return mode;
            }
        }
        return null;
    }

    /** A peer's eth settings: the devnet's {@code base} made to announce this way. */
    public EthSettings eth(EthSettings base) {
        return switch (this) {
            case NONE -> base.withVersions(Set.of(68));
            case EPOCH -> base.withVersions(Set.of(69, 70)).withRangeUpdateInterval(EPOCH_BLOCKS);
            case EVERY_BLOCK -> base.withRangeUpdateInterval(1);
        };
    }
}
