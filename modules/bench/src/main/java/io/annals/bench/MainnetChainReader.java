package io.annals.bench;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.types.Hash;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.ChainReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Serves a few real mainnet blocks from memory, by hash and number, for the serving benchmark. */
final class MainnetChainReader implements ChainReader {
    private final Map<Hash, MainnetBlock> byHash = new HashMap<>();
    private final Map<Long, MainnetBlock> byNumber = new HashMap<>();
    private final Map<Hash, byte[]> receipts = new HashMap<>();
    private final MainnetBlock head;

    MainnetChainReader(List<MainnetBlock> blocks) {
        MainnetBlock highest = blocks.get(0);
        for (MainnetBlock block : blocks) {
            Hash hash = block.header().hash();
            byHash.put(hash, block);
            byNumber.put(block.number(), block);
            receipts.put(hash, block.receiptsEth69());
            highest = block.number() > highest.number() ? block : highest;
        }
        head = highest;
    }

    @Override
    public AnnouncedRange availableRange() {
        long earliest = byNumber.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        return new AnnouncedRange(earliest, head.number(), head.header().hash());
    }

    @Override
    public Optional<byte[]> headerRlp(long number) {
        return Optional.ofNullable(byNumber.get(number)).map(MainnetBlock::headerRlp);
    }

    @Override
    public OptionalLong numberOf(Hash hash) {
        MainnetBlock block = byHash.get(hash);
        return block == null ? OptionalLong.empty() : OptionalLong.of(block.number());
    }

    @Override
    public Optional<byte[]> bodyRlp(Hash hash) {
        return Optional.ofNullable(byHash.get(hash)).map(MainnetBlock::bodyRlp);
    }

    @Override
    public Optional<byte[]> receiptsEth69(Hash hash) {
        return Optional.ofNullable(receipts.get(hash));
    }
}
