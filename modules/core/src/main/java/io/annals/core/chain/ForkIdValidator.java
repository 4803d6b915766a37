package io.annals.core.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Computes the local EIP-2124 fork id and validates remote ones against one chain. Immutable and
 * thread-safe: build it once per chain ({@link ChainSpec#forkIdValidator()}) and pass the local
 * head with every call.
 *
 * <p>Spec: https://eips.ethereum.org/EIPS/eip-2124. Forks activated by timestamp (Shanghai onwards)
 * extend the list of block forks as go-ethereum does (core/forkid/forkid.go): block forks first,
 * each compared with the head's number, then timestamp forks, compared with the head's timestamp.
 * Forks at block 0, and timestamp forks at or before the genesis timestamp, are part of the genesis
 * rules and are skipped; forks sharing an activation point count once.
 */
public final class ForkIdValidator {
    /**
     * A remote's "next" above this is taken to be a timestamp as well as a block number when
     * checking rule 1a: it is the timestamp of mainnet block 1 (go-ethereum's timestampThreshold),
     * a height no chain's block numbers reach.
     */
    static final long TIMESTAMP_THRESHOLD = 1_438_269_973L;

    private final long[] activations;
    private final int blockForkCount;

    /** checksums[i]: the CRC32 after the genesis hash and the first i activation points. */
    private final int[] checksums;

    private ForkIdValidator(long[] activations, int blockForkCount, int[] checksums) {
        this.activations = activations;
        this.blockForkCount = blockForkCount;
        this.checksums = checksums;
    }

    public static ForkIdValidator of(ChainSpec chain) {
        List<Long> byBlock = new ArrayList<>();
        List<Long> byTimestamp = new ArrayList<>();
        for (Fork fork : chain.forks()) {
            boolean isBlockFork = fork.hardfork().trigger() == Hardfork.Trigger.BLOCK;
            List<Long> group = isBlockFork ? byBlock : byTimestamp;
            long genesisPoint = isBlockFork ? 0 : chain.genesisTimestamp();
            // the schedule is sorted within each group, so a repeated point is the previous one
            boolean repeated = !group.isEmpty() && group.get(group.size() - 1) == fork.activation();
            if (fork.activation() > genesisPoint && !repeated) {
                group.add(fork.activation());
            }
        }
        long[] activations = new long[byBlock.size() + byTimestamp.size()];
        int[] checksums = new int[activations.length + 1];
        CRC32 crc = new CRC32();
        crc.update(chain.genesisHash().unsafeArray());
        checksums[0] = (int) crc.getValue();
        byte[] point = new byte[8];
        for (int i = 0; i < activations.length; i++) {
            activations[i] =
                    i < byBlock.size() ? byBlock.get(i) : byTimestamp.get(i - byBlock.size());
            for (int b = 0; b < 8; b++) {
                point[b] = (byte) (activations[i] >>> (56 - 8 * b));
            }
            crc.update(point);
            checksums[i + 1] = (int) crc.getValue();
        }
        return new ForkIdValidator(activations, byBlock.size(), checksums);
    }

    /** The fork id to announce with the head at this block number and timestamp. */
    public ForkId forkIdAt(long headNumber, long headTimestamp) {
        for (int i = 0; i < activations.length; i++) {
            if (headFor(i, headNumber, headTimestamp) < activations[i]) {
                return new ForkId(checksums[i], activations[i]);
            }
        }
        return new ForkId(checksums[activations.length], 0);
    }

    /**
     * Whether a peer announcing {@code remote} can be on our chain, given our head. Both sides
     * reach the same verdict whatever their sync state, so neither keeps redialling the other.
     */
    public ForkIdValidation validate(ForkId remote, long headNumber, long headTimestamp) {
        // i: the first fork not yet passed locally; with every fork passed it is the end of the
        // list,
        // which counts as a timestamp fork if the chain has any (the sentinel of go-ethereum's
        // filter)
        int i = 0;
        while (i < activations.length && headFor(i, headNumber, headTimestamp) >= activations[i]) {
            i++;
        }
        long head = headFor(i, headNumber, headTimestamp);

        if (checksums[i] == remote.hash()) {
            // Rule 1: same forks passed. 1a: the remote's next fork passed here without our knowing
            // it.
            long next = remote.next();
            boolean passedHere =
                    next != 0
                            && (Long.compareUnsigned(head, next) >= 0
                                    || (Long.compareUnsigned(next, TIMESTAMP_THRESHOLD) > 0
                                            && Long.compareUnsigned(headTimestamp, next) >= 0));
            if (passedHere) {
                return new ForkIdValidation.Rejected(
                        ForkIdValidation.Reason.LOCAL_INCOMPATIBLE_OR_STALE,
                        "remote announces a next fork at "
                                + Long.toUnsignedString(next)
                                + " that already passed locally (rule 1a)");
            }
            return new ForkIdValidation.Accepted(ForkIdValidation.Acceptance.SAME_FORKS);
        }
        for (int j = 0; j < i; j++) {
            if (checksums[j] == remote.hash()) {
                // Rule 2: the remote is at one of our past fork states; its next must be our next
                // one.
                if (activations[j] != remote.next()) {
                    return new ForkIdValidation.Rejected(
                            ForkIdValidation.Reason.REMOTE_STALE,
                            "remote is at a past fork state and announces next fork "
                                    + Long.toUnsignedString(remote.next())
                                    + " instead of "
                                    + activations[j]);
                }
                return new ForkIdValidation.Accepted(ForkIdValidation.Acceptance.REMOTE_SYNCING);
            }
        }
        for (int j = i + 1; j < checksums.length; j++) {
            if (checksums[j] == remote.hash()) {
                // Rule 3: the remote passed forks we know but have not reached yet.
                return new ForkIdValidation.Accepted(ForkIdValidation.Acceptance.LOCAL_SYNCING);
            }
        }
        // Rule 4
        return new ForkIdValidation.Rejected(
                ForkIdValidation.Reason.LOCAL_INCOMPATIBLE_OR_STALE,
                "remote fork hash "
                        + remote
                        + " matches no past or future fork state of this chain");
    }

    /** The local head in the units of fork {@code index}: block number or timestamp. */
    private long headFor(int index, long headNumber, long headTimestamp) {
        boolean blockEra =
                index < blockForkCount
                        || (index == activations.length && blockForkCount == activations.length);
        return blockEra ? headNumber : headTimestamp;
    }
}
