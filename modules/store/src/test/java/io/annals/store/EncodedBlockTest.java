package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.types.BlockBody;
import io.annals.core.types.Transaction;
import io.annals.core.util.ByteSlice;
import io.annals.store.codec.CompactReceipts;
import io.annals.store.testing.MainnetLikeChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks written in the store's encodings (what sync hands the writer) are stored exactly as the
 * same blocks written decoded: the same segment bytes, the same LevelDB entries, the same log
 * index, and the store verifies.
 */
class EncodedBlockTest {
    @TempDir Path dir;

    @Test
    void encodedAndDecodedWritesLeaveTheSameStore() throws Exception {
        List<FullBlock> blocks =
                new MainnetLikeChain(5, 1, MainnetLikeChain.Shape.MAINNET, true).next(40);
        List<EncodedBlock> encoded = new ArrayList<>();
        for (FullBlock block : blocks) {
            // as sync builds them: the body as received, a view of a larger response
            byte[] body = block.body().encode();
            byte[] response = new byte[body.length + 20];
            System.arraycopy(body, 0, response, 11, body.length);
            BlockBody received =
                    BlockBody.read(io.annals.core.rlp.RlpReader.of(response, 11, body.length));
            assertThat(received.encoded()).isEqualTo(ByteSlice.of(body));
            assertThat(received.encoded().array()).isSameAs(response);
            encoded.add(
                    new EncodedBlock(
                            block.header(),
                            received.encoded(),
                            CompactReceipts.encode(block.receipts()),
                            EncodedBlock.hashes(block.body().transactions())));
        }
        Path decodedDir = dir.resolve("decoded");
        Path encodedDir = dir.resolve("encoded");
        try (HistoryStore a = TestStores.open(decodedDir);
                HistoryStore b = TestStores.open(encodedDir)) {
            a.write(blocks.subList(0, 20));
            a.write(blocks.subList(20, 40));
            b.write(encoded.subList(0, 20));
            b.write(encoded.subList(20, 40));
            assertThat(b.verify().problems()).isEmpty();
            for (FullBlock block : blocks) {
                RoundTripTest.assertStoredAsWritten(b, block);
                assertThat(b.transactionHashes(block.number()))
                        .isEqualTo(a.transactionHashes(block.number()));
            }
        }
        List<byte[]> encodedSegments = segmentBytes(encodedDir);
        List<byte[]> decodedSegments = segmentBytes(decodedDir);
        assertThat(encodedSegments).hasSameSizeAs(decodedSegments).isNotEmpty();
        for (int i = 0; i < encodedSegments.size(); i++) {
            assertThat(Arrays.equals(encodedSegments.get(i), decodedSegments.get(i)))
                    .as("segment file %d has the same bytes", i)
                    .isTrue();
        }
    }

    @Test
    void theCompactReceiptsPostingsAreTheDecodedReceiptsPostings() {
        for (boolean pairs : new boolean[] {true, false}) {
            compactAndDecodedPostingsAgree(new LogIndex(0x0fed_cba9_8765_4321L, 256, pairs));
        }
        assertThat(
                        new LogIndex(1, 0, true)
                                .postings(
                                        CompactReceipts.encode(
                                                MainnetBlocks.all().get(0).receipts())))
                .isEmpty();
    }

    private static void compactAndDecodedPostingsAgree(LogIndex index) {
        MainnetLikeChain chain = new MainnetLikeChain(6, 1, MainnetLikeChain.Shape.MAINNET, true);
        List<FullBlock> blocks = new ArrayList<>(chain.next(30));
        for (MainnetBlock block : MainnetBlocks.all()) {
            blocks.add(new FullBlock(block.header(), block.body(), block.receipts()));
        }
        for (FullBlock block : blocks) {
            LogIndex.Posting[] fromReceipts = index.postings(block.receipts());
            LogIndex.Posting[] fromCompact =
                    index.postings(CompactReceipts.encode(block.receipts()));
            assertThat(fromCompact).hasSameSizeAs(fromReceipts);
            for (int i = 0; i < fromReceipts.length; i++) {
                assertThat(fromCompact[i].bucket()).isEqualTo(fromReceipts[i].bucket());
                assertThat(fromCompact[i].remainders())
                        .as("block %d bucket %d", block.number(), fromReceipts[i].bucket())
                        .isEqualTo(fromReceipts[i].remainders());
            }
        }
    }

    @Test
    void aBodyBuiltFromPartsIsEncodedAfreshAndHashesMustBeWhole() {
        MainnetBlock fixture = MainnetBlocks.PRAGUE;
        BlockBody decoded = BlockBody.decode(fixture.bodyRlp());
        BlockBody built =
                BlockBody.of(
                        decoded.transactions(),
                        decoded.ommers(),
                        decoded.withdrawals().orElse(null));
        assertThat(built.encoded().toArray()).isEqualTo(fixture.bodyRlp());
        assertThat(decoded.encoded().toArray()).isEqualTo(fixture.bodyRlp());
        List<Transaction> transactions = decoded.transactions();
        byte[] hashes = EncodedBlock.hashes(transactions);
        assertThat(Arrays.copyOfRange(hashes, 32, 64))
                .isEqualTo(transactions.get(1).hash().toArray());
        assertThatThrownBy(
                        () ->
                                new EncodedBlock(
                                        fixture.header(),
                                        decoded.encoded(),
                                        new byte[1],
                                        new byte[33]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<byte[]> segmentBytes(Path store) throws Exception {
        try (Stream<Path> files = Files.walk(store)) {
            List<byte[]> out = new ArrayList<>();
            for (Path file : files.filter(p -> p.toString().endsWith(".seg")).sorted().toList()) {
                out.add(Files.readAllBytes(file));
            }
            return out;
        }
    }
}
