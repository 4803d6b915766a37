package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.annals.store.FullBlock;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The errors of {@code eth_getLogs}: geth's codes and words, 4444 naming the blocks this node does
 * not hold, and limit errors that name a range that succeeds, in the phrasings indexers' retry
 * helpers parse (reth's decimal "retry with the range A-B", which Envio and most scripts match;
 * Alchemy's hex "this block range should work: [0xA, 0xB]", which Ponder's getLogsRetryHelper and
 * rindexer match first). A loop that follows the suggestions collects exactly the logs of the
 * range.
 */
class LogLimitsTest {
    private static final long FIRST = 1_000;
    private static final Pattern RETH = Pattern.compile("retry with the range (\\d+)-(\\d+)");
    private static final Pattern ALCHEMY =
            Pattern.compile(
                    "this block range should work: \\[0x([0-9a-fA-F]+),\\s*0x([0-9a-fA-F]+)\\]");

    @TempDir static Path dir;
    static HistoryNode node;
    static List<FullBlock> chain;

    @BeforeAll
    static void serveAChainWithSmallLimits() {
        chain = TestChains.blocks(11, FIRST, 300);
        node =
                HistoryNode.open(
                        dir,
                        FIRST,
                        "annals.rpc.get-logs { max-block-range = 100, max-logs = 100, "
                                + "max-addresses-or-topics = 3 }");
        node.write(chain.subList(0, 250));
        node.write(chain.subList(270, 300)); // 1250..1269 not stored
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void tooManyResultsNamesTheRangeThatFitsAndFollowingItCollectsEverything() {
        long from = FIRST;
        long to = FIRST + 99;
        ArrayNode collected = JsonNodeFactory.instance.arrayNode();
        int errors = 0;
        while (from <= to) {
            JsonNode response = node.call("eth_getLogs", "[" + range(from, to) + "]");
            if (response.has("result")) {
                response.get("result").forEach(collected::add);
                from = to + 1;
                to = FIRST + 99;
                continue;
            }
            errors++;
            JsonNode error = response.get("error");
            assertThat(error.get("code").asInt()).isEqualTo(-32602);
            String message = error.get("message").asText();
            assertThat(message).startsWith("query exceeds max results 100, retry with the range ");
            Matcher reth = RETH.matcher(message);
            Matcher alchemy = ALCHEMY.matcher(message);
            assertThat(reth.find()).isTrue();
            assertThat(alchemy.find()).isTrue();
            long suggestedFrom = Long.parseLong(reth.group(1));
            long suggestedTo = Long.parseLong(reth.group(2));
            assertThat(Long.parseLong(alchemy.group(1), 16)).isEqualTo(suggestedFrom);
            assertThat(Long.parseLong(alchemy.group(2), 16)).isEqualTo(suggestedTo);
            assertThat(suggestedFrom).isEqualTo(from);
            assertThat(suggestedTo).isBetween(from, to - 1); // never the same range back
            to = suggestedTo;
        }
        assertThat(errors).isPositive();
        assertThat(collected)
                .isEqualTo(BruteForceLogs.select(chain, FIRST, FIRST + 99, List.of(), List.of()));
    }

    @Test
    void aBlockWithMoreLogsThanTheLimitNamesNoRange(@TempDir Path own) {
        try (HistoryNode small = HistoryNode.open(own, FIRST, "annals.rpc.get-logs.max-logs = 1")) {
            small.write(chain.subList(0, 50));
            FullBlock busy =
                    chain.stream()
                            .filter(
                                    b ->
                                            b.receipts().stream()
                                                            .mapToInt(r -> r.logs().size())
                                                            .sum()
                                                    > 1)
                            .findFirst()
                            .orElseThrow();
            JsonNode error =
                    small.error("eth_getLogs", "[" + range(busy.number(), busy.number() + 5) + "]");
            assertThat(error.get("code").asInt()).isEqualTo(-32602);
            String message = error.get("message").asText();
            assertThat(message)
                    .isEqualTo(
                            "query exceeds max results 1: block "
                                    + BruteForceLogs.quantity(busy.number())
                                    + " alone has more matching logs; narrow the filter");
            assertThat(RETH.matcher(message).find()).isFalse();
        }
    }

    @Test
    void aRangeWiderThanTheLimitAnswersGethsErrorWithARangeThatFits() {
        JsonNode error = node.error("eth_getLogs", "[" + range(FIRST, FIRST + 100) + "]");
        assertThat(error.get("code").asInt()).isEqualTo(-32602);
        assertThat(error.get("message").asText())
                .isEqualTo(
                        "exceed maximum block range 100, retry with the range "
                                + "1000-1099 (this block range should work: [0x3e8, 0x44b])");
        assertThat(
                        node.call(
                                        "eth_getLogs",
                                        "[{\"fromBlock\": \"0x3e8\", \"toBlock\": \"0x44b\", \"address\": "
                                                + "\"0x0000000000000000000000000000000000000001\"}]")
                                .has("result"))
                .isTrue();
        assertThat(
                        node.error(
                                        "eth_getLogs",
                                        "[{\"fromBlock\": \"0x0\", \"toBlock\": \"0xffffffffffffffff\"}]")
                                .get("message")
                                .asText())
                .isEqualTo("invalid argument 0: block number larger than int64");
        assertThat(
                        node.error(
                                        "eth_getLogs",
                                        "[{\"fromBlock\": \"0x0\", \"toBlock\": \"0x7fffffffffffffff\"}]")
                                .get("message")
                                .asText())
                .startsWith("exceed maximum block range 100, retry with the range 0-99 ");
    }

    @Test
    void blocksNotHeldAnswer4444NamingThem() {
        assertUnavailable(
                range(990, 1010),
                "pruned history unavailable: blocks 0x3de-0x3e7 are not available on "
                        + "this node",
                "0x3de",
                "0x3e7"); // below the start block
        assertUnavailable(
                range(1240, 1260),
                "pruned history unavailable: blocks 0x4e2-0x4ec are not available on "
                        + "this node",
                "0x4e2",
                "0x4ec"); // not synced: a gap
        assertUnavailable(
                range(1290, 1300),
                "pruned history unavailable: blocks 0x51e-0x514 are not available on "
                                .replace("0x51e-0x514", "0x514")
                        + "this node",
                "0x514",
                "0x514"); // above everything stored
        JsonNode both = node.error("eth_getLogs", "[" + range(1240, 1310) + "]");
        assertThat(both.get("code").asInt()).isEqualTo(4444);
        assertThat(both.get("data").get("missing")).hasSize(2);
    }

    @Test
    void rangeAndParameterErrorsAreGeths() {
        assertError(range(1100, 1099), -32602, "invalid block range params");
        assertError("{\"fromBlock\": \"pending\"}", -32602, "pending logs are not supported");
        assertError("{\"blockHash\": \"0x" + "11".repeat(32) + "\"}", -32000, "unknown block");
        assertError(
                "{\"address\": [\"0x"
                        + "01".repeat(20)
                        + "\", \"0x"
                        + "02".repeat(20)
                        + "\", \"0x"
                        + "03".repeat(20)
                        + "\", \"0x"
                        + "04".repeat(20)
                        + "\"]}",
                -32000,
                "exceed max addresses or topics per search position");
        assertError(
                "{\"topics\": [null, null, null, null, null]}",
                -32602,
                "invalid argument 0: exceed max topics");
        assertError(
                "{\"blockHash\": \"0x" + "11".repeat(32) + "\", \"fromBlock\": \"0x1\"}",
                -32602,
                "invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
        assertError(
                "{\"address\": \"0x1234\"}",
                -32602,
                "invalid argument 0: invalid address: hex has invalid length 2 after decoding; expected 20 for address");
        assertError(
                "{\"topics\": [\"0x1234\"]}",
                -32602,
                "invalid argument 0: hex has invalid length 2 after decoding; expected 32 for topic");
    }

    private static void assertUnavailable(
            String filter, String message, String first, String last) {
        JsonNode error = node.error("eth_getLogs", "[" + filter + "]");
        assertThat(error.get("code").asInt()).isEqualTo(4444);
        assertThat(error.get("message").asText()).isEqualTo(message);
        assertThat(error.get("data").get("missing").get(0).get("fromBlock").asText())
                .isEqualTo(first);
        assertThat(error.get("data").get("missing").get(0).get("toBlock").asText()).isEqualTo(last);
    }

    private static void assertError(String filter, int code, String message) {
        JsonNode error = node.error("eth_getLogs", "[" + filter + "]");
        assertThat(error.get("code").asInt()).as(filter).isEqualTo(code);
        assertThat(error.get("message").asText()).as(filter).isEqualTo(message);
    }

    private static String range(long from, long to) {
        return "{\"fromBlock\": \""
                + BruteForceLogs.quantity(from)
                + "\", \"toBlock\": \""
                + BruteForceLogs.quantity(to)
                + "\"}";
    }
}
