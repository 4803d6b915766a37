package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.store.FullBlock;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a careless or hostile client can send: ranges over all of history, thousands of addresses or
 * topics, malformed and mistyped parameters, filter ids that do not exist, many filters. Each gets
 * a clear error before any large amount of work or memory is spent, and the server keeps answering.
 */
class HostileInputTest {
    private static final long FIRST = 1_000;

    @TempDir static Path dir;
    static HistoryNode node;
    static List<FullBlock> chain;

    @BeforeAll
    static void serve() {
        chain = TestChains.blocks(41, FIRST, 50);
        node = HistoryNode.open(dir, FIRST, "annals.rpc.filters.max-filters = 8");
        node.write(chain);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void hugeRangesAreRefusedBeforeAnythingIsRead() {
        for (String range :
                List.of(
                        "\"fromBlock\": \"0x0\", \"toBlock\": \"latest\"",
                        "\"fromBlock\": \"earliest\", \"toBlock\": \"0x7fffffffffffffff\"",
                        "\"fromBlock\": \"0x1\", \"toBlock\": \"0x3b9aca00\"")) {
            JsonNode error = node.error("eth_getLogs", "[{" + range + "}]");
            assertThat(error.get("code").asInt()).isIn(-32602, 4444);
            assertThat(error.get("message").asText())
                    .containsAnyOf("exceed maximum block range", "pruned history unavailable");
        }
        JsonNode above =
                node.error(
                        "eth_getLogs",
                        "[{\"fromBlock\": \"0x7ffffffffffffff0\", \"toBlock\": "
                                + "\"0x7fffffffffffffff\"}]");
        assertThat(above.get("code").asInt()).isEqualTo(4444);
        assertServing();
    }

    @Test
    void thousandsOfAddressesOrTopicsAreRefused() {
        String addresses =
                IntStream.range(0, 20_000)
                        .mapToObj(i -> String.format("\"0x%040x\"", i))
                        .collect(Collectors.joining(","));
        JsonNode tooMany = node.error("eth_getLogs", "[{\"address\": [" + addresses + "]}]");
        assertThat(tooMany.get("message").asText())
                .isEqualTo("exceed max addresses or topics per search position");
        assertThat(
                        node.error("eth_newFilter", "[{\"address\": [" + addresses + "]}]")
                                .get("message")
                                .asText())
                .isEqualTo("exceed max addresses or topics per search position");
        String topics =
                IntStream.range(0, 1_001)
                        .mapToObj(i -> String.format("\"0x%064x\"", i))
                        .collect(Collectors.joining(","));
        assertThat(
                        node.error("eth_getLogs", "[{\"topics\": [[" + topics + "]]}]")
                                .get("message")
                                .asText())
                .isEqualTo("invalid argument 0: exceed max topics");
        String thousand =
                IntStream.range(0, 1_000)
                        .mapToObj(i -> String.format("\"0x%064x\"", i))
                        .collect(Collectors.joining(","));
        assertThat(
                        node.result(
                                "eth_getLogs",
                                "[{\"fromBlock\": \"0x3e8\", \"toBlock\": \"0x419\", \"topics\": [null, ["
                                        + thousand
                                        + "]]}]"))
                .isEmpty(); // at the limit: a real query, answered
        assertServing();
    }

    @Test
    void malformedParametersGetClearErrors() {
        String[][] cases = {
            {
                "eth_getLogs",
                "[\"latest\"]",
                "invalid argument 0: cannot unmarshal non-object into filter"
            },
            {
                "eth_getLogs",
                "[{\"fromBlock\": 12}]",
                "invalid argument 0: cannot unmarshal non-string into block number"
            },
            {"eth_getLogs", "[{\"address\": 7}]", "invalid argument 0: invalid addresses in query"},
            {
                "eth_getLogs",
                "[{\"address\": [7]}]",
                "invalid argument 0: non-string address at index 0"
            },
            {"eth_getLogs", "[{\"topics\": \"0x00\"}]", "invalid argument 0: invalid topic(s)"},
            {"eth_getLogs", "[{\"topics\": [[1]]}]", "invalid argument 0: invalid topic(s)"},
            {"eth_getLogs", "[]", "missing value for required argument 0"},
            {"eth_getLogs", "{\"fromBlock\": \"0x1\"}", "non-array args"},
            {
                "eth_getFilterChanges",
                "[7]",
                "invalid argument 0: cannot unmarshal non-string into string"
            },
            {"eth_getBlockByNumber", "[\"0xg\", false]", "invalid argument 0: invalid hex string"},
            {
                "eth_getBlockByNumber",
                "[\"0x8000000000000000\", false]",
                "invalid argument 0: block number larger than int64"
            },
            {
                "eth_getTransactionReceipt",
                "[\"0x" + "zz".repeat(32) + "\"]",
                "invalid argument 0: json: cannot unmarshal invalid hex string into Go value of type common.Hash"
            },
        };
        for (String[] c : cases) {
            JsonNode error = node.error(c[0], c[1]);
            assertThat(error.get("code").asInt()).as(c[0] + c[1]).isEqualTo(-32602);
            assertThat(error.get("message").asText()).as(c[0] + c[1]).isEqualTo(c[2]);
        }
        String deep = "[".repeat(200) + "]".repeat(200);
        assertThat(
                        node.call("eth_getLogs", "[{\"topics\": " + deep + "}]")
                                .get("error")
                                .get("code")
                                .asInt())
                .isEqualTo(-32700);
        assertServing();
    }

    @Test
    void unknownFilterIdsAndTooManyFiltersAreRefused() {
        for (String id : List.of("0x", "0x0", "garbage", "0x" + "f".repeat(5000))) {
            assertThat(
                            node.error("eth_getFilterChanges", "[\"" + id + "\"]")
                                    .get("message")
                                    .asText())
                    .isEqualTo("filter not found");
            assertThat(node.result("eth_uninstallFilter", "[\"" + id + "\"]").asBoolean())
                    .isFalse();
        }
        int installed = 0;
        for (int i = 0; i < 20; i++) {
            installed += node.call("eth_newBlockFilter", "[]").has("result") ? 1 : 0;
        }
        assertThat(installed).isLessThanOrEqualTo(8);
        assertThat(node.api.installedFilters()).isLessThanOrEqualTo(8);
        assertServing();
    }

    private static void assertServing() {
        assertThat(node.result("eth_blockNumber", "[]").asText()).isEqualTo("0x419");
    }
}
