package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Address;
import io.annals.core.types.Log;
import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.devnet.chain.ParallelComposer;
import io.annals.node.service.AnnalsNode;
import io.annals.rpc.eth.Erc20;
import io.annals.rpc.eth.ViemClient;
import io.annals.rpc.eth.ViemExpectations;
import io.annals.rpc.metrics.PrometheusSamples;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoredReceipt;
import io.annals.sync.SyncStats;
import io.annals.sync.model.SyncMode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * viem, an independent client library, against a whole node synced from a devnet: four RLPx peers
 * serve a few hundred generated blocks, the node stores them in LevelDB, and the annals-rpc
 * module's {@code client.mjs} reads them over the node's JSON-RPC as an indexer would (head, every
 * block with hashes and full transactions, every receipt, ERC-20 {@code Transfer} logs by token and
 * sender, raw topic and address queries), then installs an event filter and a block filter and
 * polls them while the devnet grows and the node follows. Every expectation comes from the devnet's
 * generated chain, never from the node's answers. The script's npm packages are installed by the
 * annals-rpc build; if they are missing the test fails and says so.
 */
class NodeViemTest {
    private static final Logger LOG = LoggerFactory.getLogger(NodeViemTest.class);
    private static final int PEERS = 4;
    private static final long HEAD = 300;
    private static final int NEW_BLOCKS = 8;

    /** Over WebSocket: blocks grown while watching, the reorg's depth, blocks grown after it. */
    private static final int WS_GROW = 6;

    private static final int REORG = 3;
    private static final int AFTER_REORG = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** client.mjs and its node_modules, seen from this module's folder. */
    private static final Path SCRIPT_DIR = Path.of("..", "rpc", "src", "test", "js");

    @TempDir Path dir;

    @Test
    void viemReadsTheSyncedHistoryAndFollowsNewBlocksThroughFilters() throws Exception {
        Path js = ViemClient.scriptDir(SCRIPT_DIR);
        DevnetSettings settings =
                TestNetwork.devnet(PEERS, HEAD, "seed = 41, " + TestNetwork.SMALL_SHAPE);
        List<FullBlock> reference = referenceChain(settings, HEAD + NEW_BLOCKS + WS_GROW);
        List<FullBlock> synced = reference.subList(1, (int) HEAD + 1);
        List<FullBlock> next = reference.subList((int) HEAD + 1, (int) (HEAD + NEW_BLOCKS) + 1);

        Address token = mostFrequent(logs(synced, isTransfer()), Log::address);
        Address sender =
                mostFrequent(
                        logs(synced, isTransfer().and(log -> log.address().equals(token))),
                        log -> Erc20.address(log.topics().get(1)));
        Address secondToken =
                mostFrequent(
                        logs(synced, isTransfer().and(log -> !log.address().equals(token))),
                        Log::address);
        Address recipient =
                mostFrequent(logs(synced, isTransfer()), log -> Erc20.address(log.topics().get(2)));
        Path expectations =
                ViemExpectations.of(synced)
                        .transfers(token, null)
                        .transfers(token, sender)
                        .transfers(secondToken, null)
                        .logs(
                                List.of(),
                                List.of(
                                        List.of(Erc20.TRANSFER, Erc20.APPROVAL),
                                        List.of(),
                                        List.of(Erc20.topic(recipient))))
                        .logs(List.of(token, secondToken), List.of())
                        .filter(token)
                        .writeTo(dir.resolve("expectations.json"));

        List<String> transcript;
        try (Devnet devnet = Devnet.create(settings)) {
            devnet.start();
            try (AnnalsNode node =
                    TestNetwork.startNode(
                            TestNetwork.nodeConfig(devnet, dir.resolve("node"), ""))) {
                TestNetwork.await(
                        node,
                        WAIT,
                        stats -> stats.mode() == SyncMode.FOLLOW && TestNetwork.head(stats) >= HEAD,
                        "following at " + HEAD);
                try (ViemClient client = ViemClient.start(js, rpcUri(node), expectations)) {
                    client.awaitLine("filters-installed");
                    devnet.advance(NEW_BLOCKS);
                    SyncStats followed =
                            TestNetwork.await(
                                    node,
                                    WAIT,
                                    stats -> TestNetwork.head(stats) >= HEAD + NEW_BLOCKS,
                                    "following to " + (HEAD + NEW_BLOCKS));
                    assertThat(followed.failure()).isEmpty();
                    client.written(
                            ViemExpectations.writeNewBlocks(
                                    next, token, dir.resolve("written.json")));
                    transcript = client.finish();
                    LOG.info("viem: {}", transcript.get(transcript.size() - 1));
                }
                watchOverWebSocketThroughAReorg(js, devnet, node, reference);
                assertEveryListedMetricIsExposed(node);
            }
        }
        assertThat(transcript).contains("ok blocks", "ok receipts", "ok logs", "ok filters");
    }

    /**
     * Blocks 0 to {@code last} of the devnet's chain, read from its generated store. Blocks above
     * the devnet's starting head are generated now, ahead of it: the devnet serves stored blocks
     * again when its head reaches them, so the blocks it produces later are exactly these.
     */
    private static List<FullBlock> referenceChain(DevnetSettings settings, long last) {
        try (GeneratedChain chain =
                        GeneratedChain.open(
                                settings.dataDir(), new BlockGenerator(settings.chain()));
                ParallelComposer composer = ParallelComposer.perCore()) {
            chain.extendTo(last, 0, composer, stored -> {});
            HistoryStore store = chain.store();
            List<FullBlock> blocks = new ArrayList<>();
            for (long n = 0; n <= last; n++) {
                blocks.add(
                        new FullBlock(
                                store.header(n).orElseThrow(),
                                store.body(n).orElseThrow(),
                                store.receipts(n).orElseThrow().receipts().stream()
                                        .map(StoredReceipt::receipt)
                                        .toList()));
            }
            return blocks;
        }
    }

    private static Predicate<Log> isTransfer() {
        return log -> log.topics().size() == 3 && log.topics().get(0).equals(Erc20.TRANSFER);
    }

    private static Stream<Log> logs(List<FullBlock> blocks, Predicate<Log> which) {
        return blocks.stream()
                .flatMap(b -> b.receipts().stream())
                .flatMap(r -> r.logs().stream())
                .filter(which);
    }

    /**
     * The most frequent value (ties broken by the lowest hex), so the queries have answers to
     * check.
     */
    private static Address mostFrequent(Stream<Log> logs, Function<Log, Address> value) {
        Map<Address, Long> counts =
                logs.collect(Collectors.groupingBy(value, Collectors.counting()));
        return counts.entrySet().stream()
                .max(
                        Comparator.<Map.Entry<Address, Long>>comparingLong(Map.Entry::getValue)
                                .thenComparing(e -> e.getKey().toHex(), Comparator.reverseOrder()))
                .orElseThrow(() -> new AssertionError("the devnet's chain has no Transfer events"))
                .getKey();
    }

    /**
     * viem's {@code watchBlocks} and {@code watchContractEvent} over the node's WebSocket while the
     * devnet grows, replaces its top {@value #REORG} blocks and grows again. Expected: every block
     * of the final chain (viem fetches each announced head by number, so it reports them in the
     * order its fetches answer) and no block outside both branches; the token's Transfer logs of
     * the dropped blocks (from the devnet's generated chain) again with {@code removed: true}; and
     * the net set of logs equal to the final chain's, whose new branch is read back with {@code
     * eth_getLogs} (anchored at the devnet's head hash; the node checked that branch's receipts
     * roots).
     */
    private void watchOverWebSocketThroughAReorg(
            Path js, Devnet devnet, AnnalsNode node, List<FullBlock> reference) throws Exception {
        long start = HEAD + NEW_BLOCKS;
        long top = start + WS_GROW;
        List<FullBlock> dropped = reference.subList((int) (top - REORG) + 1, (int) top + 1);
        Address token = mostFrequent(logs(dropped, isTransfer()), Log::address);
        URI ws = URI.create("ws://127.0.0.1:" + node.rpcAddress().orElseThrow().getPort() + "/");
        try (ViemClient client =
                ViemClient.script(js, "ws-client.mjs", ws.toString(), token.toHex())) {
            client.awaitLine("watching");
            awaitSubscriptions(node, 2);
            devnet.advance(WS_GROW);
            TestNetwork.await(
                    node, WAIT, stats -> TestNetwork.head(stats) >= top, "following to " + top);
            // Stored is not yet announced: the subscriptions see the head when they next poll
            // the store. Until the client has the top block, the blocks to be dropped may not
            // have been sent to it, and a reorg would then owe it no removals. A block's logs
            // go out in the same step as its head, before viem fetches the block it announces.
            client.awaitLine("seen " + dropped.get(dropped.size() - 1).hash().toHex());
            devnet.reorg(REORG);
            devnet.advance(AFTER_REORG);
            long finalHead = devnet.head();
            String finalHash = devnet.headHash().toHex();
            TestNetwork.await(
                    node,
                    WAIT,
                    stats ->
                            TestNetwork.head(stats) >= finalHead
                                    && finalHash.equals(hashAt(node, finalHead)),
                    "on the devnet's head after the reorg");
            List<String> blocks = new ArrayList<>();
            for (long n = start + 1; n <= finalHead; n++) {
                blocks.add(hashAt(node, n));
            }
            assertThat(blocks.get(blocks.size() - 1)).isEqualTo(finalHash);
            List<String> logs = new ArrayList<>();
            for (FullBlock block : reference.subList((int) start + 1, (int) (top - REORG) + 1)) {
                logs.addAll(transferKeys(block, token));
            }
            logs.addAll(rpcTransferKeys(node, top - REORG + 1, finalHead, token));
            List<String> removed = new ArrayList<>();
            dropped.forEach(block -> removed.addAll(transferKeys(block, token)));
            assertThat(removed).as("the dropped blocks have some of the token's logs").isNotEmpty();
            Map<String, Object> expected = new java.util.LinkedHashMap<>();
            expected.put("blocks", blocks);
            expected.put("removedBlocks", dropped.stream().map(b -> b.hash().toHex()).toList());
            expected.put("logs", logs);
            expected.put("removed", removed);
            Path file = dir.resolve("ws-expected.json");
            new com.fasterxml.jackson.databind.ObjectMapper().writeValue(file.toFile(), expected);
            client.tell("check " + file);
            List<String> transcript = client.finish();
            assertThat(transcript).contains("ok ws-blocks", "ok ws-logs");
        }
    }

    private static List<String> transferKeys(FullBlock block, Address token) {
        List<String> keys = new ArrayList<>();
        int index = 0;
        for (var receipt : block.receipts()) {
            for (Log log : receipt.logs()) {
                if (isTransfer().test(log) && log.address().equals(token)) {
                    keys.add(block.number() + ":" + index);
                }
                index++;
            }
        }
        return keys;
    }

    private static List<String> rpcTransferKeys(AnnalsNode node, long from, long to, Address token)
            throws Exception {
        String body =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getLogs\",\"params\":[{\"fromBlock\":\"0x"
                        + Long.toHexString(from)
                        + "\",\"toBlock\":\"0x"
                        + Long.toHexString(to)
                        + "\",\"address\":\""
                        + token.toHex()
                        + "\",\"topics\":[\""
                        + Erc20.TRANSFER.toHex()
                        + "\",null,null]}]}";
        List<String> keys = new ArrayList<>();
        for (var log :
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(post(node, body))
                        .get("result")) {
            if (log.get("topics").size() == 3) {
                keys.add(
                        Long.decode(log.get("blockNumber").asText())
                                + ":"
                                + Long.decode(log.get("logIndex").asText()));
            }
        }
        return keys;
    }

    private static String hashAt(AnnalsNode node, long number) {
        try {
            var block =
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(
                                    post(
                                            node,
                                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x"
                                                    + Long.toHexString(number)
                                                    + "\",false]}"))
                            .get("result");
            return block == null || block.isNull() ? null : block.get("hash").asText();
        } catch (Exception e) {
            return null;
        }
    }

    /** Waits (a minute at most) until the node has {@code count} subscriptions open. */
    private static void awaitSubscriptions(AnnalsNode node, int count) throws Exception {
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(rpcUri(node).resolve("/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            if (PrometheusSamples.parse(response.body()).value("annals_rpc_subscriptions", Map.of())
                    >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("viem's subscriptions did not open within a minute");
    }

    private static String post(AnnalsNode node, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(rpcUri(node))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /**
     * The node's {@code /metrics} has every family of {@code metric-names.txt} (the names that
     * existed before the Prometheus Java client replaced the hand-written registry, and the JVM's).
     */
    private static void assertEveryListedMetricIsExposed(AnnalsNode node) throws Exception {
        List<String> listed;
        try (var in = NodeViemTest.class.getResourceAsStream("/metric-names.txt")) {
            listed =
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .lines()
                            .filter(line -> !line.isBlank() && !line.startsWith("#"))
                            .toList();
        }
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(rpcUri(node).resolve("/metrics")).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        PrometheusSamples metrics = PrometheusSamples.parse(response.body());
        for (String name : listed) {
            assertThat(metrics.type(name)).as("metric family " + name).isNotNull();
        }
    }

    private static URI rpcUri(AnnalsNode node) {
        InetSocketAddress rpc = node.rpcAddress().orElseThrow();
        return URI.create("http://127.0.0.1:" + rpc.getPort() + "/");
    }
}
