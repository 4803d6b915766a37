package io.annals.p2p.testing;

import io.annals.core.crypto.Keccak256;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.ChainReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link ChainReader} over consecutive generated blocks held in memory, for tests. Only blocks
 * from {@link #setEarliest earliest} (bodies and receipts) up to {@link #setLatest latest} are
 * served, so a test can move the head. Thread-safe.
 */
public final class InMemoryChainReader implements ChainReader {
    private final List<byte[]> headers;
    private final List<byte[]> bodies;
    private final List<byte[]> receipts;
    private final Map<Hash, Integer> numbers = new HashMap<>();

    /** The number of the first block; the others follow it. */
    private final long first;

    private volatile int earliest;
    private volatile int latest;

    public InMemoryChainReader(List<RandomChain.GeneratedBlock> blocks) {
        this.headers = blocks.stream().map(b -> b.header().encoding()).toList();
        this.bodies = blocks.stream().map(b -> b.body().encode()).toList();
        this.receipts = blocks.stream().map(b -> Receipts.encodeEth69List(b.receipts())).toList();
        for (int i = 0; i < blocks.size(); i++) {
            numbers.put(blocks.get(i).header().hash(), i);
        }
        this.first = blocks.get(0).header().number();
        this.latest = blocks.size() - 1;
    }

    /** Serves blocks up to this number. */
    public void setLatest(long number) {
        latest = (int) (number - first);
    }

    /** Serves bodies and receipts from this number. */
    public void setEarliest(long number) {
        earliest = (int) (number - first);
    }

    @Override
    public AnnouncedRange availableRange() {
        int head = latest;
        return new AnnouncedRange(first + earliest, first + head, hash(head));
    }

    @Override
    public Optional<byte[]> headerRlp(long number) {
        long index = number - first;
        return number >= first && index <= latest
                ? Optional.of(headers.get((int) index))
                : Optional.empty();
    }

    @Override
    public OptionalLong numberOf(Hash hash) {
        Integer index = numbers.get(hash);
        return index != null && index <= latest
                ? OptionalLong.of(first + index)
                : OptionalLong.empty();
    }

    @Override
    public Optional<byte[]> bodyRlp(Hash hash) {
        return served(hash).map(bodies::get);
    }

    @Override
    public Optional<byte[]> receiptsEth69(Hash hash) {
        return served(hash).map(receipts::get);
    }

    private Optional<Integer> served(Hash hash) {
        Integer index = numbers.get(hash);
        return index != null && index >= earliest && index <= latest
                ? Optional.of(index)
                : Optional.empty();
    }

    private Hash hash(int index) {
        return Keccak256.hashOf(headers.get(index));
    }
}
