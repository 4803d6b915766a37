package io.annals.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.SessionListener;
import io.annals.p2p.eth.EthProtocol;
import io.annals.p2p.eth.EthSettings;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.RlpxHost;
import io.annals.store.HistoryStore;
import io.annals.sync.SyncStats;
import io.annals.sync.link.EthPeerLink;
import io.annals.sync.serve.StoreChainReader;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import io.annals.sync.write.SyncStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole path over real RLPx on 127.0.0.1: three nodes serve a generated chain from history
 * stores (LevelDB) through {@link StoreChainReader}; a fourth runs the sync engine with {@link
 * EthPeerLink}s over its eth sessions and writes into its own store. The synced store ends
 * identical (every canonical hash) and verifies, which also proves the serving side.
 */
class LoopbackSyncTest {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackSyncTest.class);
    private static final int BLOCKS = 1_200;
    private static final long HEAD = BLOCKS - 1;

    @TempDir Path folder;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void theEngineSyncsAStoreFromThreeServingStoresOverRlpx() throws Exception {
        TestChain chain = TestChain.of(61, BLOCKS, 3);
        List<RlpxHost> servers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HistoryStore source =
                    keep(StoreFixture.filled(folder.resolve("source-" + i), chain, 0, HEAD));
            RlpxHost host =
                    node(new StoreChainReader(source, chain.block(0).hash()), chain, peer -> {});
            host.listen().get(20, TimeUnit.SECONDS);
            servers.add(host);
        }

        HistoryStore target = keep(StoreFixture.open(folder.resolve("target"), chain));
        EngineRun run = keep(new EngineRun("loopback", SyncStore.of(target)));
        RlpxHost client =
                node(
                        new StoreChainReader(target, chain.block(0).hash()),
                        chain,
                        peer -> run.connect(new EthPeerLink(peer)));
        long started = System.nanoTime();
        for (RlpxHost server : servers) {
            client.dial(server.localEnode().orElseThrow()).get(20, TimeUnit.SECONDS);
        }
        SyncStats end = run.awaitContiguousHead(HEAD, Duration.ofSeconds(90));
        LOG.info(
                "{} blocks over RLPx from 3 peers in {} ms; scheduler peers {}",
                BLOCKS,
                (System.nanoTime() - started) / 1_000_000,
                end.scheduler().orElseThrow().peers());

        assertThat(end.peers()).isEqualTo(3);
        assertThat(end.failure()).isEmpty();
        for (long n = 0; n <= HEAD; n++) {
            assertThat(target.canonicalHash(n)).as("block %d", n).contains(chain.block(n).hash());
        }
        assertThat(target.verify().problems()).isEmpty();
        assertThat(target.verify().blocks()).isEqualTo(BLOCKS);
    }

    private RlpxHost node(
            StoreChainReader reader,
            TestChain chain,
            java.util.function.Consumer<io.annals.p2p.eth.EthPeer> onPeerReady) {
        ExecutorService worker = Executors.newFixedThreadPool(2);
        resources.add(worker::shutdownNow);
        EthProtocol eth =
                EthProtocol.create(
                        EthSettings.defaults(), chain.spec(), reader, worker, onPeerReady);
        RlpxHost host =
                RlpxHost.create(
                        NodeKey.generate(new SecureRandom()),
                        loopback(),
                        List.of(eth),
                        SessionListener.NONE);
        resources.add(host);
        return host;
    }

    private static P2pSettings loopback() {
        return P2pSettings.fromConfig(
                ConfigFactory.parseString(
                                "annals.p2p { listen-host = 127.0.0.1, listen-port = 0, client-id = \"Annals/sync-test\" }")
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve());
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }
}
