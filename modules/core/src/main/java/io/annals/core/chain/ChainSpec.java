package io.annals.core.chain;

import io.annals.core.types.Hash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What identifies a chain and its rules over time: the devp2p network id, the EIP-155 chain id, the
 * genesis block (hash and timestamp), the fork schedule and, for chains that went through it, the
 * Merge.
 *
 * <p>The schedule is kept in the canonical order of {@link Hardfork}. The constructor rejects
 * schedules that cannot be real: a fork listed twice, a required fork left out before a later one,
 * or activation points that go backwards (block forks by number, timestamp forks by time).
 *
 * <p>Built-in chains are in {@link Chains}; custom ones come from configuration through {@link
 * ChainSpecConfig}.
 *
 * @param genesisTimestamp the genesis block's timestamp: timestamp forks at or before it are part
 *     of the genesis rules and, like block forks at block 0, do not count as forks in the fork id
 */
public record ChainSpec(
        String name,
        long networkId,
        long chainId,
        Hash genesisHash,
        long genesisTimestamp,
        List<Fork> forks,
        Optional<Merge> merge) {

    public ChainSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a chain needs a name");
        }
        if (networkId <= 0) {
            throw new IllegalArgumentException(
                    name + ": network id must be positive, got " + networkId);
        }
        if (chainId <= 0) {
            throw new IllegalArgumentException(
                    name + ": chain id must be positive, got " + chainId);
        }
        if (genesisHash == null) {
            throw new IllegalArgumentException(name + ": genesis hash is missing");
        }
        if (genesisTimestamp < 0) {
            throw new IllegalArgumentException(name + ": genesis timestamp must not be negative");
        }
        if (merge == null) {
            throw new IllegalArgumentException(
                    name + ": merge must be Optional.empty() when there is none");
        }
        forks = canonicalSchedule(name, forks);
    }

    /**
     * What this chain publishes about its history files (known epoch accumulator roots, file
     * checksums): shipped for mainnet and Sepolia, {@link KnownEpochs#NONE} for other chains.
     */
    public KnownEpochs knownEpochs() {
        return KnownEpochs.of(this);
    }

    /** The scheduled activation of {@code hardfork}, if this chain has it. */
    public Optional<Fork> fork(Hardfork hardfork) {
        return forks.stream().filter(fork -> fork.hardfork() == hardfork).findFirst();
    }

    /** Whether {@code hardfork}'s rules apply to a block with this number and timestamp. */
    public boolean isActive(Hardfork hardfork, long blockNumber, long timestamp) {
        return fork(hardfork).map(fork -> fork.isActiveAt(blockNumber, timestamp)).orElse(false);
    }

    /** The latest fork whose rules apply at this block number and timestamp, if any. */
    public Optional<Hardfork> latestActive(long blockNumber, long timestamp) {
        Hardfork latest = null;
        for (Fork fork : forks) {
            if (fork.isActiveAt(blockNumber, timestamp)) {
                latest = fork.hardfork();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Whether block {@code blockNumber} comes after the Merge (false for a chain without one). */
    public boolean isPostMerge(long blockNumber) {
        return merge.map(m -> m.isPostMerge(blockNumber)).orElse(false);
    }

    /**
     * The EIP-2124 fork id this chain announces with its head at this block number and timestamp.
     */
    public ForkId forkIdAt(long blockNumber, long timestamp) {
        return forkIdValidator().forkIdAt(blockNumber, timestamp);
    }

    /** A validator for remote fork ids against this chain; build it once and keep it. */
    public ForkIdValidator forkIdValidator() {
        return ForkIdValidator.of(this);
    }

    /**
     * This chain as software that knows no fork after {@code last} sees it: the same genesis and
     * the schedule cut after {@code last}. Useful to reason about peers that have not upgraded.
     */
    public ChainSpec withForksUpTo(Hardfork last) {
        List<Fork> kept =
                forks.stream().filter(fork -> fork.hardfork().compareTo(last) <= 0).toList();
        return new ChainSpec(name, networkId, chainId, genesisHash, genesisTimestamp, kept, merge);
    }

    private static List<Fork> canonicalSchedule(String chain, List<Fork> forks) {
        if (forks == null) {
            throw new IllegalArgumentException(chain + ": fork schedule is missing");
        }
        List<Fork> sorted = new ArrayList<>(forks);
        sorted.sort(Comparator.comparing(Fork::hardfork));
        Set<Hardfork> scheduled = EnumSet.noneOf(Hardfork.class);
        Fork previousBlockFork = null;
        Fork previousTimestampFork = null;
        for (Fork fork : sorted) {
            if (!scheduled.add(fork.hardfork())) {
                throw new IllegalArgumentException(
                        chain + ": " + fork.hardfork() + " is scheduled twice");
            }
            boolean byBlock = fork.hardfork().trigger() == Hardfork.Trigger.BLOCK;
            Fork previous = byBlock ? previousBlockFork : previousTimestampFork;
            if (previous != null && fork.activation() < previous.activation()) {
                throw new IllegalArgumentException(
                        chain
                                + ": "
                                + fork.hardfork()
                                + " at "
                                + fork.hardfork().trigger().configKey()
                                + " "
                                + fork.activation()
                                + " would activate before "
                                + previous.hardfork()
                                + " at "
                                + previous.activation());
            }
            if (byBlock) {
                previousBlockFork = fork;
            } else {
                previousTimestampFork = fork;
            }
        }
        if (!sorted.isEmpty()) {
            Hardfork last = sorted.get(sorted.size() - 1).hardfork();
            for (Hardfork earlier : Hardfork.values()) {
                if (earlier.compareTo(last) < 0
                        && earlier.required()
                        && !scheduled.contains(earlier)) {
                    throw new IllegalArgumentException(
                            chain
                                    + ": "
                                    + last
                                    + " is scheduled but "
                                    + earlier
                                    + " is not; every required fork before the last one must be scheduled");
                }
            }
        }
        return List.copyOf(sorted);
    }
}
