package io.annals.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.sync.link.Fetched;
import io.annals.sync.link.PeerLink;
import io.annals.sync.link.RangeHint;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The end-block cap over a peer serving a chain of headers up to block 30: no header above the end
 * block (20) comes through, and a capped head is never announced with the hash of a block above the
 * end (the engine anchors the chain at head hashes): with no number until a header answer showed
 * the end block's hash, then with that hash.
 */
class EndBlockLinkTest {

    private static final long END = 20;
    private final List<BlockHeader> chain = chain(31);

    @Test
    void aCappedHeadIsAnnouncedWithTheEndBlocksHashOnceKnownAndNothingAboveTheEndComesThrough() {
        EndBlockLink link = new EndBlockLink(new HeaderPeer(chain), END);
        RangeHint before = link.hint();
        assertThat(before.latest())
                .as("the hash announced is of block 30: no number goes with it")
                .isEmpty();

        Fetched<BlockHeader> probe = link.header(chain.get(30).hash()).join();
        assertThat(probe.items()).extracting(BlockHeader::number).containsExactly(END);
        RangeHint after = link.hint();
        assertThat(after.latest()).hasValue(END);
        assertThat(after.headHash()).isEqualTo(chain.get((int) END).hash());

        assertThat(link.headers(15, 10).join().items())
                .extracting(BlockHeader::number)
                .containsExactly(15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(link.headersBack(chain.get(25).hash(), 10).join().items())
                .extracting(BlockHeader::number)
                .containsExactly(20L, 19L, 18L, 17L, 16L);
    }

    private static List<BlockHeader> chain(int length) {
        List<BlockHeader> headers = new ArrayList<>();
        Hash parent = Hash.wrap(new byte[32]);
        for (int n = 0; n < length; n++) {
            BlockHeader header =
                    BlockHeader.builder()
                            .number(n)
                            .parentHash(parent)
                            .timestamp(1_700_000_000L + n)
                            .gasLimit(30_000_000)
                            .build();
            headers.add(header);
            parent = header.hash();
        }
        return headers;
    }

    /** A peer at head 30 that serves headers only (a stand-in for one class's test). */
    private static final class HeaderPeer implements PeerLink {
        private final List<BlockHeader> chain;

        HeaderPeer(List<BlockHeader> chain) {
            this.chain = chain;
        }

        @Override
        public String id() {
            return "headers";
        }

        @Override
        public RangeHint hint() {
            BlockHeader head = chain.get(chain.size() - 1);
            return new RangeHint(0, OptionalLong.of(head.number()), head.hash());
        }

        @Override
        public void onHintChanged(Consumer<RangeHint> listener) {}

        @Override
        public CompletableFuture<Fetched<BlockHeader>> headers(long from, int count) {
            List<BlockHeader> items = new ArrayList<>();
            for (long n = from; n < chain.size() && n < from + count; n++) {
                items.add(chain.get((int) n));
            }
            return CompletableFuture.completedFuture(new Fetched<>(items, 0));
        }

        @Override
        public CompletableFuture<Fetched<BlockHeader>> header(Hash hash) {
            return CompletableFuture.completedFuture(
                    new Fetched<>(
                            chain.stream().filter(header -> header.hash().equals(hash)).toList(),
                            0));
        }

        @Override
        public CompletableFuture<Fetched<BlockHeader>> headersBack(Hash from, int count) {
            List<BlockHeader> items = new ArrayList<>();
            int start =
                    chain.stream()
                            .filter(header -> header.hash().equals(from))
                            .findFirst()
                            .map(header -> (int) header.number())
                            .orElse(-1);
            for (int n = start; n >= 0 && n > start - count; n--) {
                items.add(chain.get(n));
            }
            return CompletableFuture.completedFuture(new Fetched<>(items, 0));
        }

        @Override
        public CompletableFuture<Fetched<BlockBody>> bodies(List<Hash> hashes) {
            return CompletableFuture.completedFuture(new Fetched<>(List.of(), 0));
        }

        @Override
        public CompletableFuture<Fetched<List<Receipt>>> receipts(List<BlockHeader> headers) {
            return CompletableFuture.completedFuture(new Fetched<>(List.of(), 0));
        }

        @Override
        public CompletableFuture<Void> closed() {
            return new CompletableFuture<>();
        }

        @Override
        public boolean isDisconnect(Throwable failure) {
            return false;
        }

        @Override
        public void disconnect(String reason) {}
    }
}
