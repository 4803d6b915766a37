package io.annals.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.rlp.Rlp;
import io.annals.core.rlp.RlpReader;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.testing.TestChain;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The serving rules on a generated chain: header walks, limits, and the eth/70 cut of receipt
 * lists.
 */
class ChainServerTest {
    /** Block 30 has 300 transactions. */
    private static final TestChain CHAIN = TestChain.generate(3, 60, 5, 30, 300);

    private static final int HEAD = CHAIN.length() - 1;

    private final ChainServer server = new ChainServer(CHAIN.reader(), EthNode.settings(""));

    @Test
    void headerWalksStopAtTheEndsOfTheChainAndOfTheNumbers() {
        assertThat(numbers(HeaderQuery.byNumber(HEAD - 2, 10, 0, false)))
                .containsExactly(HEAD - 2L, HEAD - 1L, (long) HEAD);
        assertThat(numbers(HeaderQuery.byNumber(7, 10, 2, true))).containsExactly(7L, 4L, 1L);
        assertThat(numbers(HeaderQuery.byNumber(-1L, 1, 0, false))).isEmpty();
        assertThat(numbers(HeaderQuery.byNumber(0, 0, 0, false))).isEmpty();
        // a skip of 2^64 - 1 makes the step wrap to zero: only the origin
        assertThat(numbers(HeaderQuery.byNumber(5, 3, -1L, false))).containsExactly(5L);
        assertThat(numbers(HeaderQuery.byNumber(5, 3, -2L, false))).containsExactly(5L);
        assertThat(numbers(HeaderQuery.byNumber(5, 3, -7L, true))).containsExactly(5L);
        assertThat(numbers(new HeaderQuery(BlockOrigin.hash(CHAIN.hash(40)), 3, 4, false)))
                .containsExactly(40L, 45L, 50L);
        assertThat(numbers(new HeaderQuery(BlockOrigin.hash(Hash.ZERO), 3, 0, false))).isEmpty();
    }

    @Test
    void headerAnswersAreCappedByCountAndSize() {
        ChainServer capped =
                new ChainServer(CHAIN.reader(), EthNode.settings("max-headers-served = 4"));
        assertThat(capped.headers(HeaderQuery.byNumber(0, -1L, 0, false))).hasSize(4);

        int headerSize = CHAIN.header(1).encoding().length;
        ChainServer small =
                new ChainServer(
                        CHAIN.reader(),
                        EthNode.settings("soft-response-size = " + (2 * headerSize)));
        // the header that reaches the soft limit is still sent; none after it
        assertThat(small.headers(HeaderQuery.byNumber(1, 10, 0, false))).hasSizeBetween(2, 3);
    }

    @Test
    void bodiesAndReceiptsEndAtTheFirstMissingBlock() {
        List<Hash> hashes = List.of(CHAIN.hash(1), CHAIN.hash(2), Hash.ZERO, CHAIN.hash(3));
        assertThat(server.bodies(new EthMessage.GetBlockBodies(1, hashes)).bodies()).hasSize(2);
        assertThat(server.receipts(new EthMessage.GetReceipts(1, 0, hashes), 69).blockReceipts())
                .hasSize(2);
        assertThat(server.receipts(new EthMessage.GetReceipts(1, 0, hashes), 70).blockReceipts())
                .hasSize(2);
    }

    @Test
    void bodiesAreCappedByCount() {
        ChainServer capped =
                new ChainServer(
                        CHAIN.reader(),
                        EthNode.settings("max-bodies-served = 3, max-receipts-served = 2"));
        List<Hash> hashes = IntStream.range(1, 20).mapToObj(CHAIN::hash).toList();
        assertThat(capped.bodies(new EthMessage.GetBlockBodies(1, hashes)).bodies()).hasSize(3);
        assertThat(capped.receipts(new EthMessage.GetReceipts(1, 0, hashes), 68).blockReceipts())
                .hasSize(2);
    }

    @Test
    void eth68ReceiptsAreConvertedWithTheirBlooms() {
        EthMessage.Receipts answer =
                server.receipts(new EthMessage.GetReceipts(5, 0, List.of(CHAIN.hash(30))), 68);
        assertThat(answer.blockReceipts().get(0).toArray())
                .isEqualTo(Receipts.encodeEth68List(CHAIN.block(30).receipts()));
    }

    @Test
    void eth70CutsABlockThatDoesNotFitAndResumesFromTheIndex() {
        ChainServer cutting =
                new ChainServer(CHAIN.reader(), EthNode.settings("receipts-message-size = 8KiB"));
        List<Hash> hashes = List.of(CHAIN.hash(29), CHAIN.hash(30), CHAIN.hash(31));
        long firstIndex = 0;
        int offset = 0;
        int messages = 0;
        List<List<ByteSlice>> perBlock =
                new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        while (true) {
            EthMessage.Receipts answer =
                    cutting.receipts(
                            new EthMessage.GetReceipts(7, firstIndex, hashes.subList(offset, 3)),
                            70);
            messages++;
            assertThat(answer.requestId()).isEqualTo(7);
            assertThat(size(answer)).isLessThanOrEqualTo(8 * 1024);
            for (int i = 0; i < answer.blockReceipts().size(); i++) {
                perBlock.get(offset + i).addAll(items(answer.blockReceipts().get(i)));
            }
            if (!answer.lastBlockIncomplete() && offset + answer.blockReceipts().size() == 3) {
                break;
            }
            offset += answer.blockReceipts().size() - (answer.lastBlockIncomplete() ? 1 : 0);
            firstIndex = answer.lastBlockIncomplete() ? perBlock.get(offset).size() : 0;
        }
        assertThat(messages).isGreaterThan(3);
        for (int i = 0; i < 3; i++) {
            byte[] joined =
                    Rlp.encodeList(
                            perBlock.get(i).stream()
                                    .map(ByteSlice::toArray)
                                    .toArray(byte[][]::new));
            assertThat(joined)
                    .as("block %d", 29 + i)
                    .isEqualTo(Receipts.encodeEth69List(CHAIN.block(29 + i).receipts()));
        }
    }

    @Test
    void eth70AlwaysSendsTheFirstReceiptAndNeverAnEmptyPart() {
        ChainServer tiny =
                new ChainServer(CHAIN.reader(), EthNode.settings("receipts-message-size = 1KiB"));
        List<BlockHeader> withTransactions =
                IntStream.range(1, HEAD)
                        .mapToObj(CHAIN::header)
                        .filter(h -> CHAIN.block((int) h.number()).receipts().size() > 1)
                        .toList();
        Hash block = withTransactions.get(0).hash();

        EthMessage.Receipts first =
                tiny.receipts(new EthMessage.GetReceipts(1, 0, List.of(block, CHAIN.hash(30))), 70);
        assertThat(first.blockReceipts()).isNotEmpty();
        for (ByteSlice list : first.blockReceipts()) {
            assertThat(items(list)).isNotEmpty();
        }
        // asking past the end of a block's list gets an empty, complete list for it
        EthMessage.Receipts past =
                tiny.receipts(new EthMessage.GetReceipts(1, 10_000, List.of(block)), 70);
        assertThat(past.lastBlockIncomplete()).isFalse();
        assertThat(items(past.blockReceipts().get(0))).isEmpty();
    }

    private List<Long> numbers(HeaderQuery query) {
        return server.headers(query).stream()
                .map(BlockHeader::decode)
                .map(BlockHeader::number)
                .toList();
    }

    private static long size(EthMessage.Receipts answer) {
        return answer.blockReceipts().stream().mapToLong(ByteSlice::length).sum();
    }

    private static List<ByteSlice> items(ByteSlice list) {
        RlpReader reader = RlpReader.of(list).readList();
        List<ByteSlice> out = new ArrayList<>();
        while (reader.hasNext()) {
            out.add(reader.readRawSlice());
        }
        return out;
    }
}
