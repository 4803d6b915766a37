package io.annals.store;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a reader of the history asks of it: the JSON-RPC history methods and filters read through
 * this and nothing else. {@link HistoryStore} answers from one node's store; a cluster answers from
 * the stores of the hosts that hold each block, and may then fail a call with an unchecked
 * exception when the host holding a block cannot be asked right now (the caller reports it; a
 * single store never does).
 *
 * <p>Every method may block (disk, or a round trip to another host): call it from a blocking pool,
 * never from an event loop or an actor.
 */
public interface HistoryReader {

    /** The first block this history keeps. */
    long startBlock();

    /**
     * The highest block H such that every block from the start block to H is held; empty while the
     * start block itself is not. Only a rollback makes it go down.
     */
    OptionalLong contiguousHead();

    /** The lowest block held. */
    OptionalLong earliestBlock();

    /** The runs of {@code from..to} that are not held. */
    List<BlockRange> missingIn(long from, long to);

    Optional<BlockHeader> header(long number);

    /** The hash of the block held at {@code number}. */
    Optional<Hash> canonicalHash(long number);

    /** The number of the held block with this hash. */
    OptionalLong blockNumber(Hash hash);

    /** The header of the held block with this hash (its number first, then the header). */
    default Optional<BlockHeader> header(Hash hash) {
        OptionalLong number = blockNumber(hash);
        return number.isPresent() ? header(number.getAsLong()) : Optional.empty();
    }

    /**
     * The block body exactly as it was received and stored: {@code [transactions, ommers(,
     * withdrawals)]}.
     */
    Optional<byte[]> bodyRlp(long number);

    /** The block's transaction hashes in order. */
    Optional<List<Hash>> transactionHashes(long number);

    Optional<TransactionLocation> transaction(Hash hash);

    Optional<BlockReceipts> receipts(long number);

    /** Answers an {@code eth_getLogs} query as one store would (see {@link LogQueryResult}). */
    LogQueryResult logs(LogQuery query);
}
