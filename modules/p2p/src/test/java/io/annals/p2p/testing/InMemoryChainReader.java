package io.annals.p2p.testing;

import io.annals.core.crypto.Keccak256;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import io.annals.p2p.eth.BlockRange;
import io.annals.p2p.eth.ChainReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link ChainReader} over generated blocks held in memory, for tests: blocks are numbered by
 * their position, and only those from {@link #setEarliest earliest} (bodies and receipts) and up to
 * {@link #setLatest latest} are served, so a test can move the head. Thread-safe.
 */
public final class InMemoryChainReader implements ChainReader {
    private final List<byte[]> headers;
    private final List<byte[]> bodies;
    private final List<byte[]> receipts;
    private final Map<Hash, Integer> numbers = new HashMap<>();
    private volatile int earliest;
    private volatile int latest;

    public InMemoryChainReader(List<RandomChain.GeneratedBlock> blocks) {
        this.headers = blocks.stream().map(b -> b.header().encoding()).toList();
        this.bodies = blocks.stream().map(b -> b.body().encode()).toList();
        this.receipts = blocks.stream().map(b -> Receipts.encodeEth69List(b.receipts())).toList();
        for (int i = 0; i < blocks.size(); i++) {
            numbers.put(blocks.get(i).header().hash(), i);
        }
        this.latest = blocks.size() - 1;
    }

    public void setLatest(int number) {
        latest = number;
    }

    public void setEarliest(int number) {
        earliest = number;
    }

    @Override
    public BlockRange availableRange() {
        int head = latest;
        return new BlockRange(earliest, head, hash(head));
    }

    @Override
    public Optional<byte[]> headerRlp(long number) {
        return number >= 0 && number <= latest ? Optional.of(headers.get((int) number)) : Optional.empty();
    }

    @Override
    public OptionalLong numberOf(Hash hash) {
        Integer number = numbers.get(hash);
        return number != null && number <= latest ? OptionalLong.of(number) : OptionalLong.empty();
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
        Integer number = numbers.get(hash);
        return number != null && number >= earliest && number <= latest ? Optional.of(number) : Optional.empty();
    }

    private Hash hash(int number) {
        return Keccak256.hashOf(headers.get(number));
    }
}
