package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annals.core.types.Address;
import io.annals.store.FullBlock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter methods as polling indexers use them, over HTTP against a real store: new logs once
 * per poll, block hashes, idle expiry (on the node's clock, moved by the test), the bound on
 * installed filters, and reorgs: after the store drops blocks, a poll reports the logs it had
 * delivered from them again with {@code removed: true}, then the new branch's logs, whether the
 * node reported the rollback through the {@link ReorgListener} or not.
 */
class FiltersTest {
    private static final long START = 100;

    @TempDir Path dir;

    @Test
    void aLogFilterReportsEachNewMatchingLogOnce() {
        List<FullBlock> chain = TestChains.blocks(21, START, 40);
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            node.write(chain.subList(0, 20));
            Address popular = chain.get(3).receipts().get(0).logs().get(0).address();
            String criteria = "{\"address\": \"" + popular.toHex() + "\"}";
            String id = node.result("eth_newFilter", "[" + criteria + "]").asText();
            assertThat(id).matches("0x[0-9a-f]{1,32}");
            assertThat(poll(node, id)).isEmpty();
            node.write(chain.subList(20, 30));
            assertThat(poll(node, id))
                    .isEqualTo(BruteForceLogs.select(chain, 120, 129, List.of(popular), List.of()));
            assertThat(poll(node, id)).isEmpty();
            node.write(chain.subList(30, 40));
            assertThat(poll(node, id))
                    .isEqualTo(BruteForceLogs.select(chain, 130, 139, List.of(popular), List.of()));
            assertThat(node.result("eth_getFilterLogs", "[\"" + id + "\"]"))
                    .isEqualTo(
                            BruteForceLogs.select(
                                    chain,
                                    139,
                                    139,
                                    List.of(popular),
                                    List.of())); // latest..latest
        }
    }

    @Test
    void numericBoundsOfTheFilterLimitWhatItReports() {
        List<FullBlock> chain = TestChains.blocks(22, START, 40);
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            node.write(chain.subList(0, 10));
            String id =
                    node.result(
                                    "eth_newFilter",
                                    "[{\"fromBlock\": \"0x70\", \"toBlock\": \"0x78\"}]")
                            .asText();
            node.write(chain.subList(10, 40));
            assertThat(poll(node, id))
                    .isEqualTo(BruteForceLogs.select(chain, 0x70, 0x78, List.of(), List.of()));
            assertThat(node.result("eth_getFilterLogs", "[\"" + id + "\"]"))
                    .isEqualTo(BruteForceLogs.select(chain, 0x70, 0x78, List.of(), List.of()));
            JsonNode pending = node.error("eth_newFilter", "[{\"toBlock\": \"pending\"}]");
            assertThat(pending.get("message").asText()).isEqualTo("pending logs are not supported");
            JsonNode backwards =
                    node.error("eth_newFilter", "[{\"fromBlock\": \"0x9\", \"toBlock\": \"0x8\"}]");
            assertThat(backwards.get("message").asText()).isEqualTo("invalid block range params");
        }
    }

    @Test
    void aBlockFilterReportsTheHashesOfNewBlocks() {
        List<FullBlock> chain = TestChains.blocks(23, START, 30);
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            node.write(chain.subList(0, 10));
            String id = node.result("eth_newBlockFilter", "[]").asText();
            assertThat(poll(node, id)).isEmpty();
            node.write(chain.subList(10, 15));
            assertThat(poll(node, id)).isEqualTo(hashes(chain.subList(10, 15)));
            assertThat(poll(node, id)).isEmpty();
            JsonNode notLogs = node.error("eth_getFilterLogs", "[\"" + id + "\"]");
            assertThat(notLogs.get("message").asText()).isEqualTo("filter not found");
        }
    }

    @Test
    void filtersExpireWhenIdleAndCanBeUninstalled() {
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            node.write(TestChains.blocks(24, START, 5));
            String polled = node.result("eth_newFilter", "[{}]").asText();
            String idle = node.result("eth_newBlockFilter", "[]").asText();
            for (int i = 0; i < 3; i++) {
                node.advanceClock(Duration.ofMinutes(4));
                assertThat(poll(node, polled)).isEmpty();
            }
            JsonNode expired = node.error("eth_getFilterChanges", "[\"" + idle + "\"]");
            assertThat(expired.get("code").asInt()).isEqualTo(-32000);
            assertThat(expired.get("message").asText()).isEqualTo("filter not found");
            assertThat(node.result("eth_uninstallFilter", "[\"" + polled + "\"]").asBoolean())
                    .isTrue();
            assertThat(node.result("eth_uninstallFilter", "[\"" + polled + "\"]").asBoolean())
                    .isFalse();
            assertThat(
                            node.error("eth_getFilterChanges", "[\"" + polled + "\"]")
                                    .get("message")
                                    .asText())
                    .isEqualTo("filter not found");
            assertThat(
                            node.error("eth_getFilterChanges", "[\"0xnot-an-id\"]")
                                    .get("message")
                                    .asText())
                    .isEqualTo("filter not found");
            assertThat(node.api.installedFilters()).isZero();
            assertThat(node.metrics.scrape()).contains("annals_rpc_filters_installed 0");
        }
    }

    @Test
    void installedFiltersAreBounded() {
        try (HistoryNode node =
                HistoryNode.open(dir, START, "annals.rpc.filters.max-filters = 2")) {
            String first = node.result("eth_newBlockFilter", "[]").asText();
            node.result("eth_newFilter", "[{}]");
            JsonNode refused = node.error("eth_newBlockFilter", "[]");
            assertThat(refused.get("code").asInt()).isEqualTo(-32000);
            assertThat(refused.get("message").asText())
                    .startsWith("too many filters installed (2)");
            node.result("eth_uninstallFilter", "[\"" + first + "\"]");
            node.result("eth_newBlockFilter", "[]");
            node.advanceClock(Duration.ofMinutes(6));
            node.result("eth_newBlockFilter", "[]"); // the idle ones expired
            assertThat(node.api.installedFilters()).isEqualTo(1);
        }
    }

    @Test
    void aReorgReportedByTheNodeTurnsDroppedLogsIntoRemovedOnesThenTheNewBranch() {
        List<FullBlock> chain = TestChains.blocks(25, START, 30);
        List<FullBlock> branch = TestChains.branch(26, chain.get(24).header(), 7); // 125'..131'
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            node.write(chain.subList(0, 20));
            String logs = node.result("eth_newFilter", "[{}]").asText();
            String blocks = node.result("eth_newBlockFilter", "[]").asText();
            node.write(chain.subList(20, 30));
            assertThat(poll(node, logs))
                    .isEqualTo(BruteForceLogs.select(chain, 120, 129, List.of(), List.of()));
            assertThat(poll(node, blocks)).isEqualTo(hashes(chain.subList(20, 30)));

            node.store.replaceAbove(124, branch);
            node.api.reorgListener().chainRolledBack(124);
            ArrayNode expected =
                    removed(BruteForceLogs.select(chain, 125, 129, List.of(), List.of()));
            BruteForceLogs.select(branch, 125, 131, List.of(), List.of()).forEach(expected::add);
            assertThat(poll(node, logs)).isEqualTo(expected);
            assertThat(poll(node, blocks)).isEqualTo(hashes(branch));
            assertThat(poll(node, logs)).isEmpty();
        }
    }

    @Test
    void aPollNoticesARollbackTheNodeHasNotReportedYet() {
        List<FullBlock> chain = TestChains.blocks(27, START, 30);
        List<FullBlock> branch = TestChains.branch(28, chain.get(24).header(), 7);
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            node.write(chain.subList(0, 20));
            String logs = node.result("eth_newFilter", "[{}]").asText();
            node.write(chain.subList(20, 30));
            poll(node, logs);

            node.store.rollbackAbove(124);
            assertThat(poll(node, logs))
                    .isEqualTo(
                            removed(BruteForceLogs.select(chain, 125, 129, List.of(), List.of())));
            node.store.write(branch);
            assertThat(poll(node, logs))
                    .isEqualTo(BruteForceLogs.select(branch, 125, 131, List.of(), List.of()));
            node.api
                    .reorgListener()
                    .chainRolledBack(124); // late: it changes nothing the poll already settled
            assertThat(poll(node, logs)).isEmpty();
        }
    }

    @Test
    void aRollbackWithoutAReplacementLeavesTheFilterWaitingAtTheNewHead() {
        List<FullBlock> chain = TestChains.blocks(29, START, 30);
        try (HistoryNode node = HistoryNode.open(dir, START)) {
            node.write(chain.subList(0, 20));
            String logs = node.result("eth_newFilter", "[{}]").asText();
            String blocks = node.result("eth_newBlockFilter", "[]").asText();
            node.write(chain.subList(20, 30));
            poll(node, logs);
            poll(node, blocks);
            node.store.rollbackAbove(110); // below where the filters were installed
            node.api.reorgListener().chainRolledBack(110);
            assertThat(poll(node, logs))
                    .isEqualTo(
                            removed(BruteForceLogs.select(chain, 120, 129, List.of(), List.of())));
            assertThat(poll(node, blocks)).isEmpty();
            node.write(chain.subList(11, 30)); // the same blocks again
            assertThat(poll(node, logs))
                    .isEqualTo(BruteForceLogs.select(chain, 111, 129, List.of(), List.of()));
            assertThat(poll(node, blocks)).isEqualTo(hashes(chain.subList(11, 30)));
        }
    }

    private static JsonNode poll(HistoryNode node, String id) {
        return node.result("eth_getFilterChanges", "[\"" + id + "\"]");
    }

    private static ArrayNode removed(ArrayNode logs) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode log : logs) {
            out.add(((ObjectNode) log.deepCopy()).put("removed", true));
        }
        return out;
    }

    private static ArrayNode hashes(List<FullBlock> blocks) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        blocks.forEach(b -> out.add(b.hash().toHex()));
        return out;
    }
}
