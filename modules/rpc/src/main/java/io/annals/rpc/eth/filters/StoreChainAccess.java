package io.annals.rpc.eth.filters;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.HistoryReader;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link ChainAccess} over the history store. */
record StoreChainAccess(HistoryReader store) implements ChainAccess {

    @Override
    public OptionalLong head() {
        return store.contiguousHead();
    }

    @Override
    public long beforeFirstBlock() {
        return store.startBlock() - 1;
    }

    @Override
    public Optional<Hash> hashAt(long number) {
        return number < 0 ? Optional.empty() : store.canonicalHash(number);
    }

    @Override
    public Optional<BlockHeader> headerAt(long number) {
        return number < 0 ? Optional.empty() : store.header(number);
    }

    @Override
    public LogQueryResult logs(LogQuery query) {
        return store.logs(query);
    }
}
