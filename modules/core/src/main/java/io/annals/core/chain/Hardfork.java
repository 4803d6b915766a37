package io.annals.core.chain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Ethereum network upgrades a chain can schedule, in the order they must activate. Forks up to
 * the Merge activate at a block number; later ones at a block timestamp (EIP-4895 onwards).
 *
 * <p>The Merge itself (Paris) is not listed: it was triggered by total difficulty, not by a block
 * number or timestamp, and it does not enter the EIP-2124 fork id; see {@link Merge}. {@link
 * #MERGE_NETSPLIT} is the block some testnets scheduled after the Merge only to split their network
 * by fork id.
 */
public enum Hardfork {
    HOMESTEAD(Trigger.BLOCK, true),
    /** The DAO fork (EIP-779): irregular state change at block 1,920,000 on mainnet. */
    DAO(Trigger.BLOCK, false),
    TANGERINE_WHISTLE(Trigger.BLOCK, true),
    SPURIOUS_DRAGON(Trigger.BLOCK, true),
    BYZANTIUM(Trigger.BLOCK, true),
    CONSTANTINOPLE(Trigger.BLOCK, true),
    PETERSBURG(Trigger.BLOCK, true),
    ISTANBUL(Trigger.BLOCK, true),
    MUIR_GLACIER(Trigger.BLOCK, false),
    BERLIN(Trigger.BLOCK, true),
    LONDON(Trigger.BLOCK, true),
    ARROW_GLACIER(Trigger.BLOCK, false),
    GRAY_GLACIER(Trigger.BLOCK, false),
    MERGE_NETSPLIT(Trigger.BLOCK, false),
    SHANGHAI(Trigger.TIMESTAMP, true),
    CANCUN(Trigger.TIMESTAMP, true),
    PRAGUE(Trigger.TIMESTAMP, true),
    OSAKA(Trigger.TIMESTAMP, true),
    /** Blob-parameter-only forks (EIP-7892): they change the blob schedule and the fork id. */
    BPO1(Trigger.TIMESTAMP, false),
    BPO2(Trigger.TIMESTAMP, false),
    BPO3(Trigger.TIMESTAMP, false),
    BPO4(Trigger.TIMESTAMP, false),
    BPO5(Trigger.TIMESTAMP, false),
    AMSTERDAM(Trigger.TIMESTAMP, true);

    /** What an activation point of a fork counts. */
    public enum Trigger {
        BLOCK("block"),
        TIMESTAMP("timestamp");

        private final String configKey;

        Trigger(String configKey) {
            this.configKey = configKey;
        }

        /** The key that holds the activation point in a fork's configuration entry. */
        public String configKey() {
            return configKey;
        }
    }

    private final Trigger trigger;
    private final boolean required;

    Hardfork(Trigger trigger, boolean required) {
        this.trigger = trigger;
        this.required = required;
    }

    public Trigger trigger() {
        return trigger;
    }

    /**
     * Whether a chain that schedules a later fork must schedule this one too. Difficulty-bomb
     * delays, the DAO fork, netsplit markers and blob-parameter forks may be left out.
     */
    public boolean required() {
        return required;
    }

    /** The name used in configuration: lowercase with hyphens, e.g. {@code tangerine-whistle}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Hardfork> fromConfigName(String name) {
        return Arrays.stream(values()).filter(fork -> fork.configName().equals(name)).findFirst();
    }

    /** Every configuration name, comma-separated, for error messages. */
    public static String configNames() {
        return Arrays.stream(values()).map(Hardfork::configName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return configName();
    }
}
