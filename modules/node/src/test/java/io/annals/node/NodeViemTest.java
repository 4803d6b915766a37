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
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoredReceipt;
import io.annals.sync.SyncStats;
import io.annals.sync.model.SyncMode;
import java.net.InetSocketAddress;
import java.net.URI;
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
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** client.mjs and its node_modules, seen from this module's folder. */
    private static final Path SCRIPT_DIR = Path.of("..", "rpc", "src", "test", "js");

    @TempDir Path dir;

    @Test
    void viemReadsTheSyncedHistoryAndFollowsNewBlocksThroughFilters() throws Exception {
        Path js = ViemClient.scriptDir(SCRIPT_DIR);
        DevnetSettings settings =
                TestNetwork.devnet(PEERS, HEAD, "seed = 41, " + TestNetwork.SMALL_SHAPE);
        List<FullBlock> reference = referenceChain(settings, HEAD + NEW_BLOCKS);
        List<FullBlock> synced = reference.subList(1, (int) HEAD + 1);
        List<FullBlock> next = reference.subList((int) HEAD + 1, reference.size());

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

    private static URI rpcUri(AnnalsNode node) {
        InetSocketAddress rpc = node.rpcAddress().orElseThrow();
        return URI.create("http://127.0.0.1:" + rpc.getPort() + "/");
    }
}
