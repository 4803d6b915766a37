package io.annals.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.store.StoreCorruptionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactReceiptsTest {
    @Test
    void aWordsLeadingZeroBytesAreCountedAtEveryPositionAndOffset() {
        Random random = new Random(11);
        for (int zeros = 0; zeros <= CompactReceipts.WORD; zeros++) {
            for (int offset = 0; offset < 9; offset++) {
                byte[] bytes = new byte[offset + CompactReceipts.WORD + 3];
                random.nextBytes(bytes); // the bytes around the word must not count
                Arrays.fill(bytes, offset, offset + zeros, (byte) 0);
                if (zeros < CompactReceipts.WORD) {
                    bytes[offset + zeros] = (byte) (1 + random.nextInt(255));
                }
                assertThat(CompactReceipts.leadingZeroBytes(bytes, offset))
                        .as("%d zeros at offset %d", zeros, offset)
                        .isEqualTo(zeros);
            }
        }
    }

    @Test
    void randomReceiptsRoundTrip() {
        RandomChain random = new RandomChain(3);
        for (int block = 0; block < 200; block++) {
            List<Receipt> receipts = new ArrayList<>();
            for (int i = random.random().nextInt(20); i > 0; i--) {
                receipts.add(
                        random.receipt(
                                random.random().nextInt(5), random.random().nextInt(4) == 0));
            }
            if (block % 7 == 0 && !receipts.isEmpty()) {
                // data lengths that are and are not multiples of 32, an all-zero word, four topics
                receipts.add(
                        Receipt.withStatus(
                                2,
                                true,
                                5,
                                List.of(
                                        Log.of(
                                                Address.ZERO,
                                                List.of(
                                                        Hash.ZERO,
                                                        random.hash(),
                                                        Hash.ZERO,
                                                        random.hash()),
                                                new byte[64]),
                                        Log.of(random.address(), List.of(), new byte[31]))));
            }
            assertThat(CompactReceipts.decode(CompactReceipts.encode(receipts)))
                    .isEqualTo(receipts);
        }
    }

    @Test
    void mainnetReceiptsRoundTripToTheHeadersRootInUnderFortyPercentOfTheEth69Bytes() {
        long compact = 0;
        long eth69 = 0;
        for (MainnetBlock block : MainnetBlocks.all()) {
            List<Receipt> receipts = block.receipts();
            byte[] encoded = CompactReceipts.encode(receipts);
            List<Receipt> decoded = CompactReceipts.decode(encoded);
            assertThat(decoded).isEqualTo(receipts);
            assertThat(Receipts.root(decoded)).isEqualTo(block.header().receiptsRoot());
            compact += encoded.length;
            eth69 += block.receiptsEth69().length;
        }
        assertThat((double) compact / eth69).isLessThan(0.4);
    }

    @Test
    void scanReportsExactlyTheMatchingLogsWithTheirPositions() {
        List<Receipt> receipts = MainnetBlocks.CANCUN.receipts();
        Log probe =
                receipts.stream()
                        .flatMap(r -> r.logs().stream())
                        .filter(l -> l.topics().size() >= 2)
                        .findFirst()
                        .orElseThrow();
        CompactLogScanner.LogMatcher matcher =
                addressAndTopic(probe.address(), 1, probe.topics().get(1));
        List<String> found = new ArrayList<>();
        CompactLogScanner.scan(
                CompactReceipts.encode(receipts),
                matcher,
                (tx, index, log) -> found.add(tx + "/" + index + "/" + log));
        List<String> expected = new ArrayList<>();
        int index = 0;
        for (int tx = 0; tx < receipts.size(); tx++) {
            for (Log log : receipts.get(tx).logs()) {
                if (log.address().equals(probe.address())
                        && log.topics().size() >= 2
                        && log.topics().get(1).equals(probe.topics().get(1))) {
                    expected.add(tx + "/" + index + "/" + log);
                }
                index++;
            }
        }
        assertThat(found).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void damagedValuesAreReportedAsCorruption() {
        byte[] good = CompactReceipts.encode(MainnetBlocks.LONDON.receipts());
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            byte[] bad =
                    random.nextBoolean()
                            ? Arrays.copyOf(good, random.nextInt(good.length))
                            : flipOneByte(good, random);
            try {
                CompactReceipts.decode(bad);
            } catch (StoreCorruptionException | IllegalArgumentException expected) {
                // refused with a clear error; a flip inside a log's data can decode to other valid
                // receipts
            }
        }
        assertThatThrownBy(() -> CompactReceipts.decode(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining("stored receipts");
        assertThatThrownBy(
                        () ->
                                CompactReceipts.decode(
                                        new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}))
                .isInstanceOf(StoreCorruptionException.class);
    }

    @Test
    void scanningDamagedValuesFailsOnlyAsCorruption() {
        byte[] good = CompactReceipts.encode(MainnetBlocks.CANCUN.receipts());
        Log probe = MainnetBlocks.CANCUN.receipts().get(0).logs().get(0);
        CompactLogScanner.LogMatcher anyLogOfTheProbesAddress =
                addressAndTopic(probe.address(), 0, probe.topics().get(0));
        List<Log> found = new ArrayList<>();
        CompactLogScanner.scan(good, anyLogOfTheProbesAddress, (tx, index, log) -> found.add(log));
        assertThat(found).contains(probe);
        Random random = new Random(6);
        for (int i = 0; i < 2_000; i++) {
            byte[] bad =
                    random.nextBoolean()
                            ? Arrays.copyOf(good, random.nextInt(good.length))
                            : flipOneByte(good, random);
            try {
                CompactLogScanner.scan(bad, anyLogOfTheProbesAddress, (tx, index, log) -> {});
            } catch (StoreCorruptionException expected) {
                // refused with a clear error; a flip inside a skipped log's data goes unnoticed
            }
        }
    }

    @Test
    void storedWordsCompareAsTheirWholeThirtyTwoBytes() {
        byte[] word = new byte[32];
        word[31] = 7;
        word[20] = 1;
        byte[] stored = {9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 9};
        assertThat(CompactLogScanner.wordEquals(stored, 1, 12, word)).isTrue();
        assertThat(CompactLogScanner.wordEquals(stored, 1, 11, word)).isFalse();
        word[0] = 1;
        assertThat(CompactLogScanner.wordEquals(stored, 1, 12, word)).isFalse();
        assertThat(CompactLogScanner.wordEquals(new byte[0], 0, 0, new byte[32])).isTrue();
    }

    /** Logs of {@code address} with {@code topic} at {@code position}. */
    private static CompactLogScanner.LogMatcher addressAndTopic(
            Address address, int position, Hash topic) {
        return new CompactLogScanner.LogMatcher() {
            @Override
            public boolean constrainsAddress() {
                return true;
            }

            @Override
            public boolean addressMatches(byte[] bytes, int offset) {
                return Arrays.equals(bytes, offset, offset + 20, address.unsafeArray(), 0, 20);
            }

            @Override
            public int constrainedPositions() {
                return 1 << position;
            }

            @Override
            public boolean topicMatches(int at, byte[] bytes, int offset, int length) {
                byte[] word = new byte[32];
                System.arraycopy(bytes, offset, word, 32 - length, length);
                return Arrays.equals(word, topic.unsafeArray());
            }
        };
    }

    private static byte[] flipOneByte(byte[] good, Random random) {
        byte[] bad = good.clone();
        bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
        return bad;
    }
}
