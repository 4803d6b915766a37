package io.annals.rpc.eth.filters;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What filters read of the chain: the head they advance to, block hashes and headers to notice a
 * reorg, and log queries. The history API implements it over the store; the filter state classes
 * stay free of RPC and storage details.
 */
interface ChainAccess {

    /** The contiguous head, or empty while nothing is stored. */
    OptionalLong head();

    /**
     * The number just below the first block this node will ever hold: where an empty filter starts.
     */
    long beforeFirstBlock();

    Optional<Hash> hashAt(long number);

    Optional<BlockHeader> headerAt(long number);

    LogQueryResult logs(LogQuery query);
}
