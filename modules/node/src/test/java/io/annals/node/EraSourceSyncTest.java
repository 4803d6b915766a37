package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.devnet.chain.ParallelComposer;
import io.annals.era.export.EraExporter;
import io.annals.node.service.AnnalsNode;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync over real RLPx from devnet peers that expired their history below the merge (they announce
 * earliest block 100 and serve no body or receipts below it, as mainnet peers do since EIP-4444):
 * with {@code annals.history.era-sources} the node takes blocks 0..99 from era files and the rest
 * from the peers; without, {@code /health} answers 503 naming the blocks that have no source.
 */
class EraSourceSyncTest {
    private static final long HEAD = 140;
    private static final long EXPIRED_BELOW = 100;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path dir;

    @Test
    void eraFilesServeTheHistoryPeersExpiredAndWithoutThemHealthSaysSo() throws Exception {
        DevnetSettings settings =
                TestNetwork.devnet(
                        2,
                        HEAD,
                        "seed = 44, chain { merge-block = 100 }, faults = [ { peers = all, expired-below = "
                                + EXPIRED_BELOW
                                + " } ], "
                                + TestNetwork.SMALL_SHAPE);
        Path files = dir.resolve("era");
        try (GeneratedChain chain = TestNetwork.generatedChain(settings);
                ParallelComposer composer = new ParallelComposer(1)) {
            chain.extendTo(HEAD, 0, composer, head -> {});
            new EraExporter(chain.store(), chain.spec()).export(0, EXPIRED_BELOW - 1, files);
        }
        Path withEra = dir.resolve("with-era");
        Path without = dir.resolve("without");
        try (Devnet devnet = Devnet.create(settings)) {
            devnet.start();
            String bounded = "annals.node.end-block = " + HEAD + "\n";
            try (AnnalsNode node =
                    TestNetwork.startNode(
                            TestNetwork.nodeConfig(
                                    devnet,
                                    withEra,
                                    bounded
                                            + "annals.history.era-sources = [\""
                                            + files.toString().replace("\\", "/")
                                            + "\"]"))) {
                TestNetwork.await(
                        node,
                        Duration.ofMinutes(2),
                        stats -> TestNetwork.head(stats) >= HEAD,
                        "synced to " + HEAD + " from era files and peers");
                assertThat(health(node).statusCode()).isEqualTo(200);
            }
            try (AnnalsNode node =
                    TestNetwork.startNode(TestNetwork.nodeConfig(devnet, without, bounded))) {
                HttpResponse<String> health = awaitUnhealthy(node);
                assertThat(health.body())
                        .contains("no source for blocks 0.." + (EXPIRED_BELOW - 1))
                        .contains("annals.history.era-sources");
            }
        }
        try (GeneratedChain reference = TestNetwork.generatedChain(settings);
                HistoryStore store =
                        HistoryStore.open(
                                withEra.resolve("store"),
                                new ChainIdentity(
                                        reference.spec().chainId(), reference.genesisHash()),
                                StoreSettings.defaults())) {
            assertThat(store.verify().problems()).isEmpty();
            assertThat(store.contiguousHead()).hasValue(HEAD);
            for (long n = 0; n <= HEAD; n++) {
                assertThat(store.canonicalHash(n))
                        .as("block %d", n)
                        .isEqualTo(reference.store().canonicalHash(n));
            }
        }
    }

    private static HttpResponse<String> awaitUnhealthy(AnnalsNode node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        HttpResponse<String> last = health(node);
        while (last.statusCode() != 503 || !last.body().contains("no source")) {
            assertThat(System.nanoTime())
                    .as("/health reports the range: %s", last.body())
                    .isLessThan(deadline);
            Thread.sleep(200);
            last = health(node);
        }
        return last;
    }

    private static HttpResponse<String> health(AnnalsNode node) throws Exception {
        URI uri =
                URI.create(
                        "http://127.0.0.1:"
                                + node.rpcAddress().orElseThrow().getPort()
                                + "/health");
        return HTTP.send(
                HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
