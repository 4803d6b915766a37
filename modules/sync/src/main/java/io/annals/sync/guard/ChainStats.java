package io.annals.sync.guard;

import java.util.Optional;

/**
 * What the chain guard did to keep one chain in the store.
 *
 * @param anchor the block the chain is anchored at (number and hash), if peers agree on one
 * @param confirmedThrough the highest stored block an anchor confirmed (undoing it is a reorg), -1
 *     when none
 * @param parentMismatches blocks the writer refused because they contradict the stored chain
 * @param lastMismatch the last such refusal, described
 * @param conflicts conflicts between a delivered block and the stored chain that were judged
 * @param storedLost of those, how many the stored side lost (its blocks were dropped)
 * @param rollbacks rollbacks the writer did for them
 * @param rolledBackBlocks stored blocks those rollbacks dropped
 * @param disconnected peers disconnected for losing too many conflicts against an anchor
 * @param lastJudgement the last conflict's outcome, described
 */
public record ChainStats(
        Optional<String> anchor,
        long confirmedThrough,
        long parentMismatches,
        Optional<String> lastMismatch,
        long conflicts,
        long storedLost,
        long rollbacks,
        long rolledBackBlocks,
        long disconnected,
        Optional<String> lastJudgement) {}
