package io.annals.store;

import io.annals.core.types.Address;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code eth_getLogs} filter over stored blocks.
 *
 * <p>A log matches when its address is one of {@code addresses} (any address when empty), it has at
 * least as many topics as {@code topics} has positions, and for every position {@code p} whose
 * alternatives {@code topics.get(p)} are not empty its topic at {@code p} is one of them. An empty
 * list at a position is JSON-RPC's {@code null}: any topic, but one must be there (go-ethereum's
 * rule: {@code [A, null]} does not match a log with the single topic {@code A}). Positions after
 * the last listed one are unconstrained.
 *
 * @param fromBlock first block, included
 * @param toBlock last block, included; a range with {@code toBlock < fromBlock} is empty
 * @param maxResults the most logs to return; a query that would return more stops at a block
 *     boundary
 */
public record LogQuery(
        long fromBlock,
        long toBlock,
        List<Address> addresses,
        List<List<Hash>> topics,
        int maxResults) {
    public static final int DEFAULT_MAX_RESULTS = 10_000;

    public LogQuery {
        if (fromBlock < 0 || toBlock < 0) {
            throw new IllegalArgumentException(
                    "block numbers must not be negative: " + fromBlock + ".." + toBlock);
        }
        addresses = List.copyOf(addresses);
        if (topics.size() > DecodeLimits.MAX_TOPICS) {
            throw new IllegalArgumentException(
                    "a log has at most 4 topics; the filter names " + topics.size());
        }
        List<List<Hash>> copies = new ArrayList<>(topics.size());
        for (List<Hash> alternatives : topics) {
            copies.add(List.copyOf(alternatives));
        }
        topics = List.copyOf(copies);
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be positive: " + maxResults);
        }
    }

    /** Every log of the range, up to the default limit. */
    public static LogQuery range(long fromBlock, long toBlock) {
        return new LogQuery(fromBlock, toBlock, List.of(), List.of(), DEFAULT_MAX_RESULTS);
    }

    public LogQuery withAddresses(List<Address> newAddresses) {
        return new LogQuery(fromBlock, toBlock, newAddresses, topics, maxResults);
    }

    public LogQuery withTopics(List<List<Hash>> newTopics) {
        return new LogQuery(fromBlock, toBlock, addresses, newTopics, maxResults);
    }

    public LogQuery withMaxResults(int limit) {
        return new LogQuery(fromBlock, toBlock, addresses, topics, limit);
    }

    /** True when some address or topic is constrained, so the log index can narrow the blocks. */
    public boolean isFiltered() {
        return !addresses.isEmpty() || topics.stream().anyMatch(t -> !t.isEmpty());
    }
}
