package io.annals.p2p.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.ForkId;
import io.annals.core.chain.Merge;
import io.annals.core.types.BlockHeader;
import io.annals.p2p.eth.message.EthMessage;
import java.math.BigInteger;

/**
 * A snapshot of what this node tells peers about its chain: the served range, the head's timestamp
 * and the fork id they select (EIP-2124), read from the {@link ChainReader} when the protocol
 * starts and whenever the node reports that the chain moved. Immutable.
 */
record LocalChain(ChainSpec spec, AnnouncedRange range, long headTimestamp, ForkId forkId) {

    static LocalChain read(ChainSpec spec, ChainReader reader) {
        AnnouncedRange range = reader.availableRange();
        long timestamp =
                reader.headerRlp(range.latest())
                        .map(head -> BlockHeader.decode(head).timestamp())
                        // a node that has stored nothing yet announces the genesis, whose header it
                        // may lack
                        .or(
                                () ->
                                        range.latest() == 0
                                                ? java.util.Optional.of(spec.genesisTimestamp())
                                                : java.util.Optional.empty())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "the chain reader has no header for its latest block "
                                                        + Long.toUnsignedString(range.latest())));
        return new LocalChain(spec, range, timestamp, spec.forkIdAt(range.latest(), timestamp));
    }

    /** Our Status for a negotiated version. */
    EthMessage.Status status(int version) {
        if (version == 68) {
            return new EthMessage.StatusEth68(
                    68,
                    spec.networkId(),
                    totalDifficulty(),
                    range.latestHash(),
                    spec.genesisHash(),
                    forkId);
        }
        return new EthMessage.StatusEth69(
                version, spec.networkId(), spec.genesisHash(), forkId, range);
    }

    /**
     * eth/68's total difficulty. A history node does not track it; peers stopped reading it at the
     * Merge, so the terminal total difficulty is announced past it and zero before (or without) it.
     */
    private BigInteger totalDifficulty() {
        return spec.merge()
                .filter(merge -> merge.isPostMerge(range.latest()))
                .map(Merge::terminalTotalDifficulty)
                .orElse(BigInteger.ZERO);
    }
}
