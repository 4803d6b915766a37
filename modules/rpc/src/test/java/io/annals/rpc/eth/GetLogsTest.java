package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.store.FullBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eth_getLogs} over HTTP against a brute-force scan of the same receipts, on randomised
 * filters of every shape: one address or an array, topic positions null, single or OR-arrays (with
 * a null inside), trailing wildcards, values that occur and values that do not, ranges by number,
 * tag or block hash.
 */
class GetLogsTest {
    private static final long FIRST = 5_000;
    private static final int BLOCKS = 400;

    @TempDir static Path dir;
    static HistoryNode node;
    static List<FullBlock> chain;
    static List<Log> allLogs;

    @BeforeAll
    static void serveAChain() {
        chain = TestChains.blocks(7, FIRST, BLOCKS);
        node = HistoryNode.open(dir, FIRST);
        node.write(chain);
        allLogs =
                chain.stream()
                        .flatMap(b -> b.receipts().stream())
                        .flatMap(r -> r.logs().stream())
                        .toList();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void randomFiltersMatchABruteForceScan() {
        Random random = new Random(42);
        int nonEmpty = 0;
        for (int i = 0; i < 300; i++) {
            long from = FIRST + random.nextInt(BLOCKS);
            long to =
                    Math.min(
                            FIRST + BLOCKS - 1,
                            from + random.nextInt(random.nextBoolean() ? 20 : BLOCKS));
            List<Address> addresses = addresses(random);
            List<List<Hash>> topics = topics(random);
            ArrayNode expected = BruteForceLogs.select(chain, from, to, addresses, topics);
            String filter =
                    "{\"fromBlock\": \""
                            + BruteForceLogs.quantity(from)
                            + "\", \"toBlock\": \""
                            + BruteForceLogs.quantity(to)
                            + "\""
                            + addressJson(addresses, random)
                            + topicsJson(topics)
                            + "}";
            JsonNode actual = node.result("eth_getLogs", "[" + filter + "]");
            assertThat(actual).as(filter).isEqualTo(expected);
            actual.forEach(GethShapes::assertLogShape);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).isGreaterThan(100);
    }

    @Test
    void blockHashAndTagsSelectTheSameLogsAsNumbers() {
        FullBlock block =
                chain.stream()
                        .filter(b -> !b.receipts().stream().allMatch(r -> r.logs().isEmpty()))
                        .skip(10)
                        .findFirst()
                        .orElseThrow();
        ArrayNode expected =
                BruteForceLogs.select(chain, block.number(), block.number(), List.of(), List.of());
        assertThat(
                        node.result(
                                "eth_getLogs",
                                "[{\"blockHash\": \"" + block.hash().toHex() + "\"}]"))
                .isEqualTo(expected);
        long last = FIRST + BLOCKS - 1;
        assertThat(node.result("eth_getLogs", "[{}]"))
                .isEqualTo(BruteForceLogs.select(chain, last, last, List.of(), List.of()));
        assertThat(
                        node.result(
                                "eth_getLogs",
                                "[{\"fromBlock\": \"earliest\", \"toBlock\": \"0x1397\"}]"))
                .isEqualTo(BruteForceLogs.select(chain, FIRST, 0x1397, List.of(), List.of()));
        assertThat(
                        node.result(
                                "eth_getLogs",
                                "[{\"fromBlock\": \"safe\", \"toBlock\": \"latest\"}]"))
                .isEqualTo(BruteForceLogs.select(chain, last - 32, last, List.of(), List.of()));
    }

    @Test
    void aWildcardPositionNeedsATopicThere() {
        Log oneTopic =
                allLogs.stream().filter(l -> l.topics().size() == 1).findFirst().orElseThrow();
        String filter =
                "{\"fromBlock\": \"earliest\", \"toBlock\": \"latest\", \"address\": \""
                        + oneTopic.address().toHex()
                        + "\", \"topics\": [\""
                        + oneTopic.topics().get(0).toHex()
                        + "\"%s]}";
        JsonNode one = node.result("eth_getLogs", "[" + String.format(filter, "") + "]");
        JsonNode two = node.result("eth_getLogs", "[" + String.format(filter, ", null") + "]");
        assertThat(one.findValuesAsText("logIndex")).isNotEmpty();
        assertThat(two.size()).isLessThan(one.size());
        two.forEach(log -> assertThat(log.get("topics").size()).isGreaterThanOrEqualTo(2));
    }

    private static List<Address> addresses(Random random) {
        List<Address> out = new ArrayList<>();
        int count = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            out.add(
                    random.nextInt(8) == 0
                            ? Address.wrap(bytes(random, 20))
                            : allLogs.get(random.nextInt(allLogs.size())).address());
        }
        return out;
    }

    private static List<List<Hash>> topics(Random random) {
        List<List<Hash>> out = new ArrayList<>();
        int positions = random.nextInt(4);
        for (int p = 0; p < positions; p++) {
            List<Hash> alternatives = new ArrayList<>();
            int count = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Log log = allLogs.get(random.nextInt(allLogs.size()));
                alternatives.add(
                        random.nextInt(8) == 0 || log.topics().size() <= p
                                ? Hash.wrap(bytes(random, 32))
                                : log.topics().get(p));
            }
            out.add(alternatives);
        }
        return out;
    }

    private static String addressJson(List<Address> addresses, Random random) {
        if (addresses.isEmpty()) {
            return random.nextBoolean() ? "" : ", \"address\": null";
        }
        if (addresses.size() == 1 && random.nextBoolean()) {
            return ", \"address\": \"" + addresses.get(0).toHex() + "\"";
        }
        return ", \"address\": ["
                + addresses.stream()
                        .map(a -> "\"" + a.toHex() + "\"")
                        .collect(Collectors.joining(", "))
                + "]";
    }

    private static String topicsJson(List<List<Hash>> topics) {
        if (topics.isEmpty()) {
            return "";
        }
        List<String> positions = new ArrayList<>();
        for (List<Hash> alternatives : topics) {
            if (alternatives.isEmpty()) {
                positions.add("null");
            } else if (alternatives.size() == 1) {
                positions.add("\"" + alternatives.get(0).toHex() + "\"");
            } else {
                positions.add(
                        "["
                                + alternatives.stream()
                                        .map(h -> "\"" + h.toHex() + "\"")
                                        .collect(Collectors.joining(", "))
                                + "]");
            }
        }
        return ", \"topics\": [" + String.join(", ", positions) + "]";
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
