package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.FullBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of the newest blocks' encoded answers changes no byte: every answer of a node with it
 * equals the answer of a node without it (both serving the same blocks), the first time and when it
 * is served from the cache; only blocks near the head are kept; a reorg serves the new block.
 */
class AnswerCacheTest {
    private static final long START = 5_000;

    @TempDir Path dir;

    @Test
    void cachedAnswersAreByteForByteTheEncodedOnes() {
        List<FullBlock> chain = TestChains.blocks(41, START, 12);
        try (HistoryNode cached =
                        HistoryNode.open(
                                dir.resolve("cached"),
                                START,
                                "annals.rpc.answer-cache.newest-blocks = 4");
                HistoryNode plain =
                        HistoryNode.open(
                                dir.resolve("plain"),
                                START,
                                "annals.rpc.answer-cache.max-bytes = 0")) {
            cached.write(chain);
            plain.write(chain);
            List<String> requests = requests(chain.subList(6, 12));
            for (int round = 0; round < 3; round++) {
                for (String request : requests) {
                    assertThat(cached.post(request)).as(request).isEqualTo(plain.post(request));
                }
            }
            assertThat(cached.api.answerCache().hits()).isPositive();
            assertThat(plain.api.answerCache().hits()).isZero();

            // an old block is answered but not kept
            long kept = cached.api.answerCache().bytes();
            for (String request : requests(chain.subList(0, 3))) {
                assertThat(cached.post(request)).isEqualTo(plain.post(request));
            }
            assertThat(cached.api.answerCache().bytes()).isEqualTo(kept);

            // a reorg at the head: the new block's answers, never the cached old ones
            List<FullBlock> branch = TestChains.branch(77, chain.get(9).header(), 2);
            cached.store.replaceAbove(START + 9, branch);
            plain.store.replaceAbove(START + 9, branch);
            for (String request : requests(branch)) {
                assertThat(cached.post(request)).isEqualTo(plain.post(request));
            }
            for (long n = START + 10; n <= START + 11; n++) {
                String byNumber =
                        call("eth_getBlockByNumber", "[\"0x" + Long.toHexString(n) + "\", false]");
                assertThat(cached.post(byNumber))
                        .isEqualTo(plain.post(byNumber))
                        .contains(branch.get((int) (n - START - 10)).hash().toHex());
            }
        }
    }

    private static List<String> requests(List<FullBlock> blocks) {
        List<String> out = new ArrayList<>();
        for (FullBlock block : blocks) {
            String n = "\"0x" + Long.toHexString(block.number()) + "\"";
            String hash = "\"" + block.hash().toHex() + "\"";
            out.add(call("eth_getBlockByNumber", "[" + n + ", true]"));
            out.add(call("eth_getBlockByNumber", "[" + n + ", false]"));
            out.add(call("eth_getBlockByHash", "[" + hash + ", true]"));
            out.add(call("eth_getBlockReceipts", "[" + n + "]"));
            out.add(call("eth_getBlockReceipts", "[" + hash + "]"));
            out.add(call("eth_getLogs", "[{\"fromBlock\":" + n + ",\"toBlock\":" + n + "}]"));
            out.add(call("eth_getLogs", "[{\"blockHash\":" + hash + "}]"));
            block.receipts().stream()
                    .flatMap(r -> r.logs().stream())
                    .findFirst()
                    .ifPresent(
                            log ->
                                    out.add(
                                            call(
                                                    "eth_getLogs",
                                                    "[{\"blockHash\":"
                                                            + hash
                                                            + ",\"address\":\""
                                                            + log.address().toHex()
                                                            + "\"}]")));
        }
        return out;
    }

    private static String call(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}";
    }
}
