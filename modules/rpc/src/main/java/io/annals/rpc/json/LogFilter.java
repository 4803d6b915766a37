package io.annals.rpc.json;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import java.util.List;

/**
 * The filter object of {@code eth_getLogs}: where to look ({@link Scope}), which contract addresses
 * (any of them; empty matches all) and which topics per position.
 *
 * <p>{@code topics.get(i)} lists the hashes accepted at position {@code i} (any of them); an empty
 * list is a wildcard. As in go-ethereum, a filter with {@code n} positions only matches logs with
 * at least {@code n} topics, trailing wildcards included. Built by {@link LogFilterParser}.
 *
 * @see <a href="https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_getlogs">eth_getLogs</a>
 */
public record LogFilter(Scope scope, List<Address> addresses, List<List<Hash>> topics) {

    /** Most topic positions of a filter: a log has at most four topics (LOG0..LOG4). */
    public static final int MAX_TOPIC_POSITIONS = 4;

    /**
     * Most hashes in one topic position, whatever the configured query limit (geth's maxSubTopics).
     */
    public static final int MAX_TOPICS_PER_POSITION = 1000;

    /** Where the logs come from: a block range, or exactly one block by hash. */
    public sealed interface Scope permits BlockRange, AtBlockHash {}

    /** Blocks {@code fromBlock..toBlock}; an absent bound is {@code latest}, as in geth. */
    public record BlockRange(BlockNumberOrTag fromBlock, BlockNumberOrTag toBlock)
            implements Scope {}

    /** The single block with this hash (EIP-234). */
    public record AtBlockHash(Hash blockHash) implements Scope {}

    public LogFilter {
        addresses = List.copyOf(addresses);
        topics = topics.stream().map(List::copyOf).toList();
        if (topics.size() > MAX_TOPIC_POSITIONS) {
            throw new IllegalArgumentException("at most 4 topic positions, got " + topics.size());
        }
    }

    /**
     * Whether the filter names more addresses, or more topics in one position, than {@code limit}
     * (geth's {@code LogQueryLimit}); a query that does is refused with {@code "exceed max
     * addresses or topics per search position"}.
     */
    public boolean exceedsQueryLimit(int limit) {
        return addresses.size() > limit
                || topics.stream().anyMatch(position -> position.size() > limit);
    }
}
