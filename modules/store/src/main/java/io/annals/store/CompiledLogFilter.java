package io.annals.store;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteKey;
import io.annals.store.codec.CompactLogScanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link LogQuery}'s address and topic constraints as sets of raw values (never keyed on {@code
 * Hash}, whose hash code is unusable for zero-padded values), for exact matching of stored logs,
 * and as the clauses the log index narrows blocks with.
 */
final class CompiledLogFilter implements CompactLogScanner.LogMatcher {
    /**
     * Values of one kind, any of which satisfies the clause; the clauses of a query all must hold.
     */
    record Clause(int kind, List<byte[]> values) {}

    /**
     * Up to this many alternatives are compared one by one where they lie in the stored value; more
     * are looked up in a hash set, which costs a copy of the stored value.
     */
    private static final int COMPARED_ONE_BY_ONE = 8;

    private final Set<ByteKey> addresses = new HashSet<>();
    private final List<byte[]> addressList = new ArrayList<>();
    private final List<Set<ByteKey>> topics = new ArrayList<>();
    private final List<List<byte[]>> topicLists = new ArrayList<>();

    /** Per position, its alternatives for the scan to compare itself; null when they are many. */
    private final List<byte[][]> topicWords = new ArrayList<>();

    private final List<Clause> clauses = new ArrayList<>();
    private int positions;
    private final int minimumTopics;

    /**
     * The most (address, topic 0) combinations a filter is narrowed by as pairs; a filter with more
     * is narrowed by its addresses and topics alone.
     */
    private static final int MAX_PAIRS = 16;

    /** A filter for a store whose log index holds no (address, topic 0) pairs. */
    CompiledLogFilter(LogQuery query) {
        this(query, false);
    }

    /**
     * @param indexedPairs whether the log index holds (address, topic 0) pairs, so that a filter
     *     constraining both gets a clause of pairs
     */
    CompiledLogFilter(LogQuery query, boolean indexedPairs) {
        minimumTopics = query.topics().size();
        List<byte[]> addressValues = new ArrayList<>();
        for (Address address : query.addresses()) {
            if (addresses.add(new ByteKey(address.unsafeArray()))) {
                addressValues.add(address.unsafeArray());
                addressList.add(address.unsafeArray());
            }
        }
        if (!addressValues.isEmpty()) {
            clauses.add(new Clause(LogIndex.ADDRESS_KIND, addressValues));
        }
        for (int p = 0; p < query.topics().size(); p++) {
            Set<ByteKey> alternatives = new HashSet<>();
            List<byte[]> values = new ArrayList<>();
            for (Hash topic : query.topics().get(p)) {
                if (alternatives.add(new ByteKey(topic.unsafeArray()))) {
                    values.add(topic.unsafeArray());
                }
            }
            topics.add(alternatives);
            topicLists.add(values);
            topicWords.add(
                    values.size() > COMPARED_ONE_BY_ONE ? null : values.toArray(new byte[0][]));
            if (!values.isEmpty()) {
                positions |= 1 << p;
                clauses.add(new Clause(LogIndex.topicKind(p), values));
            }
        }
        if (indexedPairs && !addressValues.isEmpty() && !topicLists.isEmpty()) {
            List<byte[]> topic0s = topicLists.get(0);
            if (!topic0s.isEmpty() && addressValues.size() * topic0s.size() <= MAX_PAIRS) {
                List<byte[]> pairs = new ArrayList<>();
                for (byte[] address : addressValues) {
                    for (byte[] topic0 : topic0s) {
                        pairs.add(LogIndex.pairValue(address, topic0));
                    }
                }
                // every pair holds both an address and a topic 0 of the filter: the pair clause
                // narrows at least as far as those two, which it replaces
                clauses.removeIf(
                        clause ->
                                clause.kind() == LogIndex.ADDRESS_KIND
                                        || clause.kind() == LogIndex.topicKind(0));
                clauses.add(new Clause(LogIndex.PAIR_KIND, pairs));
            }
        }
        // the clause with the fewest values first: it costs the fewest index reads and may end the
        // search
        clauses.sort((a, b) -> Integer.compare(a.values().size(), b.values().size()));
    }

    List<Clause> clauses() {
        return clauses;
    }

    @Override
    public boolean constrainsAddress() {
        return !addresses.isEmpty();
    }

    @Override
    public boolean addressMatches(byte[] bytes, int offset) {
        if (addressList.size() > COMPARED_ONE_BY_ONE) {
            return addresses.contains(
                    new ByteKey(Arrays.copyOfRange(bytes, offset, offset + Address.SIZE)));
        }
        for (byte[] address : addressList) {
            if (Arrays.equals(bytes, offset, offset + Address.SIZE, address, 0, Address.SIZE)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int constrainedPositions() {
        return positions;
    }

    @Override
    public int minimumTopics() {
        return minimumTopics;
    }

    @Override
    public byte[][] topicWords(int position) {
        return topicWords.get(position);
    }

    @Override
    public boolean topicMatches(int position, byte[] bytes, int offset, int length) {
        List<byte[]> alternatives = topicLists.get(position);
        if (alternatives.size() > COMPARED_ONE_BY_ONE) {
            byte[] word = new byte[Hash.SIZE];
            System.arraycopy(bytes, offset, word, Hash.SIZE - length, length);
            return topics.get(position).contains(new ByteKey(word));
        }
        for (byte[] topic : alternatives) {
            if (CompactLogScanner.wordEquals(bytes, offset, length, topic)) {
                return true;
            }
        }
        return false;
    }
}
