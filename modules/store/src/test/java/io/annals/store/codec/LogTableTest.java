package io.annals.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.util.Hex;
import io.annals.store.StoreCorruptionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The log table of stored receipts ({@link CompactReceipts}, {@link LogTable}): filters find the
 * same logs in it as a brute-force walk of the receipts and as in values written before it, which
 * are still read.
 */
class LogTableTest {
    @Test
    void valuesWrittenBeforeTheLogTableAreStillReadAsTheSameReceipts() {
        for (MainnetBlock block : MainnetBlocks.all()) {
            byte[] inline = InlineReceiptsEncoder.encode(block.receipts());
            byte[] table = CompactReceipts.encode(block.receipts());
            assertThat(CompactReceipts.hasLogTable(inline)).isFalse();
            assertThat(CompactReceipts.hasLogTable(table)).isTrue();
            assertThat(CompactReceipts.decode(inline)).isEqualTo(block.receipts());
            assertThat(CompactReceipts.decode(table)).isEqualTo(block.receipts());
        }
    }

    @Test
    void filtersFindTheSameLogsInBothLayoutsAsAWalkOfTheReceipts() {
        Random random = new Random(11);
        int matched = 0;
        for (List<Receipt> receipts : blocks()) {
            List<Log> all = receipts.stream().flatMap(r -> r.logs().stream()).toList();
            byte[] table = CompactReceipts.encode(receipts);
            byte[] inline = InlineReceiptsEncoder.encode(receipts);
            for (int i = 0; i < 40; i++) {
                Filter filter = Filter.random(random, all);
                List<String> expected = bruteForce(receipts, filter);
                assertThat(scan(table, filter)).as(filter.toString()).isEqualTo(expected);
                assertThat(scan(inline, filter)).as(filter.toString()).isEqualTo(expected);
                matched += expected.size();
            }
        }
        assertThat(matched).isGreaterThan(1_000);
    }

    @Test
    void theLogIndexGetsTheSameValuesFromBothLayouts() {
        for (List<Receipt> receipts : blocks()) {
            CompactLogValues table = CompactLogValues.of(CompactReceipts.encode(receipts));
            CompactLogValues inline = CompactLogValues.of(InlineReceiptsEncoder.encode(receipts));
            // the layouts number topics differently; the values and what each holds are the same
            assertThat(table.addresses()).isDeepEqualTo(inline.addresses());
            assertThat(positionsByTopic(table)).isEqualTo(positionsByTopic(inline));
            assertThat(pairs(table)).isEqualTo(pairs(inline));
            assertThat(table.addressTopic0Pairs()).hasSameSizeAs(inline.addressTopic0Pairs());
        }
    }

    @Test
    void dictionariesPastOneAndTwoByteIndicesRoundTrip() {
        RandomChain random = new RandomChain(12);
        List<Log> logs = new ArrayList<>();
        // 300 addresses (two-byte address indices), 17,000 × 4 distinct topics (three-byte ones)
        for (int i = 0; i < 17_000; i++) {
            Address address = i < 300 ? random.address() : logs.get(i % 300).address();
            logs.add(
                    Log.of(
                            address,
                            List.of(random.hash(), random.hash(), random.hash(), random.hash()),
                            new byte[i % 40]));
        }
        List<Receipt> receipts =
                List.of(
                        Receipt.withStatus(2, true, 21_000, logs.subList(0, 9_000)),
                        Receipt.withStatus(0, false, 42_000, List.of()),
                        Receipt.withStatus(1, true, 63_000, logs.subList(9_000, logs.size())));
        byte[] value = CompactReceipts.encode(receipts);
        assertThat(CompactReceipts.decode(value)).isEqualTo(receipts);
        Log probe = logs.get(16_999);
        Filter filter =
                new Filter(
                        List.of(probe.address()),
                        List.of(List.of(), List.of(probe.topics().get(1))));
        assertThat(scan(value, filter)).containsExactly("2/16999/" + probe);
    }

    @Test
    void damagedTablesFailOnlyAsCorruption() {
        List<Receipt> receipts = MainnetBlocks.CANCUN.receipts();
        List<Log> all = receipts.stream().flatMap(r -> r.logs().stream()).toList();
        byte[] good = CompactReceipts.encode(receipts);
        Random random = new Random(13);
        for (int i = 0; i < 3_000; i++) {
            byte[] bad =
                    random.nextBoolean()
                            ? Arrays.copyOf(good, random.nextInt(good.length))
                            : flip(good, random);
            Filter filter = Filter.random(random, all);
            try {
                scan(bad, filter);
            } catch (StoreCorruptionException expected) {
                // refused with a clear error; a flip inside a skipped log's data goes unnoticed
            }
            try {
                CompactLogValues.of(bad);
            } catch (StoreCorruptionException expected) {
                // refused with a clear error
            }
            try {
                CompactReceipts.decode(bad);
            } catch (StoreCorruptionException | IllegalArgumentException expected) {
                // refused with a clear error; a flip inside a log's data can decode to other
                // valid receipts
            }
        }
    }

    private static Map<String, Integer> positionsByTopic(CompactLogValues values) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < values.topics().length; i++) {
            positions.put(Hex.encode(values.topics()[i]), values.topicPositions()[i]);
        }
        assertThat(positions).hasSize(values.topics().length);
        return positions;
    }

    private static Set<String> pairs(CompactLogValues values) {
        Set<String> pairs = new HashSet<>();
        for (long pair : values.addressTopic0Pairs()) {
            pairs.add(
                    Hex.encode(values.addresses()[(int) (pair >>> 32)])
                            + "/"
                            + Hex.encode(values.topics()[(int) pair]));
        }
        return pairs;
    }

    private static List<List<Receipt>> blocks() {
        List<List<Receipt>> blocks = new ArrayList<>();
        for (MainnetBlock block : MainnetBlocks.all()) {
            blocks.add(block.receipts());
        }
        RandomChain random = new RandomChain(14);
        for (int b = 0; b < 30; b++) {
            List<Receipt> receipts = new ArrayList<>();
            for (int i = random.random().nextInt(40); i > 0; i--) {
                receipts.add(
                        random.receipt(
                                random.random().nextInt(6), random.random().nextInt(4) == 0));
            }
            blocks.add(receipts);
        }
        return blocks;
    }

    private static List<String> scan(byte[] value, Filter filter) {
        List<String> found = new ArrayList<>();
        CompactLogScanner.scan(
                value, filter, (tx, index, log) -> found.add(tx + "/" + index + "/" + log));
        return found;
    }

    private static List<String> bruteForce(List<Receipt> receipts, Filter filter) {
        List<String> found = new ArrayList<>();
        int index = 0;
        for (int tx = 0; tx < receipts.size(); tx++) {
            for (Log log : receipts.get(tx).logs()) {
                if (filter.wants(log)) {
                    found.add(tx + "/" + index + "/" + log);
                }
                index++;
            }
        }
        return found;
    }

    /** A filter as {@code eth_getLogs} has them: addresses OR-ed, alternatives per position. */
    private record Filter(List<Address> addresses, List<List<Hash>> topics)
            implements CompactLogScanner.LogMatcher {
        static Filter random(Random random, List<Log> logs) {
            if (logs.isEmpty() || random.nextInt(10) == 0) {
                return new Filter(List.of(), List.of());
            }
            Log probe = logs.get(random.nextInt(logs.size()));
            List<Address> addresses = new ArrayList<>();
            if (random.nextBoolean()) {
                addresses.add(probe.address());
                if (random.nextInt(4) == 0) {
                    addresses.add(logs.get(random.nextInt(logs.size())).address());
                }
            }
            List<List<Hash>> topics = new ArrayList<>();
            int positions =
                    probe.topics().isEmpty() ? 0 : random.nextInt(probe.topics().size() + 1);
            for (int p = 0; p < positions; p++) {
                // a wildcard, the probe's own topic, or it with another log's topic at p
                int kind = random.nextInt(3);
                List<Hash> alternatives = new ArrayList<>();
                if (kind > 0) {
                    alternatives.add(probe.topics().get(p));
                }
                if (kind == 2) {
                    Log other = logs.get(random.nextInt(logs.size()));
                    if (other.topics().size() > p) {
                        alternatives.add(other.topics().get(p));
                    }
                }
                topics.add(alternatives);
            }
            if (random.nextInt(8) == 0) {
                topics.add(List.of()); // one wildcard position more than the probe may have
            }
            return new Filter(addresses, topics);
        }

        boolean wants(Log log) {
            if (!addresses.isEmpty() && !addresses.contains(log.address())) {
                return false;
            }
            if (log.topics().size() < topics.size()) {
                return false;
            }
            for (int p = 0; p < topics.size(); p++) {
                if (!topics.get(p).isEmpty() && !topics.get(p).contains(log.topics().get(p))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean constrainsAddress() {
            return !addresses.isEmpty();
        }

        @Override
        public boolean addressMatches(byte[] bytes, int offset) {
            return addresses.stream()
                    .anyMatch(
                            a -> Arrays.equals(bytes, offset, offset + 20, a.unsafeArray(), 0, 20));
        }

        @Override
        public int constrainedPositions() {
            int positions = 0;
            for (int p = 0; p < topics.size(); p++) {
                positions |= topics.get(p).isEmpty() ? 0 : 1 << p;
            }
            return positions;
        }

        @Override
        public boolean topicMatches(int position, byte[] bytes, int offset, int length) {
            for (Hash topic : topics.get(position)) {
                if (CompactLogScanner.wordEquals(bytes, offset, length, topic.unsafeArray())) {
                    return true;
                }
            }
            return false;
        }

        /** Its own words for single topics, so that both ways of comparing them are checked. */
        @Override
        public byte[][] topicWords(int position) {
            List<Hash> alternatives = topics.get(position);
            return alternatives.size() == 1
                    ? new byte[][] {alternatives.get(0).unsafeArray()}
                    : null;
        }

        @Override
        public int minimumTopics() {
            return topics.size();
        }
    }

    private static byte[] flip(byte[] good, Random random) {
        byte[] bad = good.clone();
        bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
        return bad;
    }
}
