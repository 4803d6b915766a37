package io.annals.devnet;

import static io.annals.devnet.EthClient.awaitRange;
import static io.annals.devnet.EthClient.bodies;
import static io.annals.devnet.EthClient.header;
import static io.annals.devnet.EthClient.headers;
import static io.annals.devnet.EthClient.receipts;
import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.identity.Enode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet's peers over real sockets, fetched by a real eth client, on manual time: each serves
 * exactly the blocks it has seen, sees new blocks after its own propagation delay, announces them
 * with BlockRangeUpdate, and what it serves matches the headers' roots.
 */
class DevnetPeersTest {
    @TempDir Path dir;

    private final ManualScheduler time = new ManualScheduler();
    private Devnet devnet;
    private EthClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (devnet != null) {
            devnet.close();
        }
        time.close();
    }

    private List<Enode> start(DevnetSettings settings) {
        devnet = Devnet.create(settings, time);
        List<Enode> enodes = devnet.start();
        client = new EthClient(devnet.chainSpec());
        return enodes;
    }

    @Test
    void peersServeWhatTheyHaveSeenAfterTheirOwnDelays() throws Exception {
        List<Enode> enodes =
                start(TestDevnets.small(dir, 3, 20, "propagation { per-peer = [0ms, 1s, 3s] }"));
        BlockingQueue<AnnouncedRange> ranges0 = new LinkedBlockingQueue<>();
        BlockingQueue<AnnouncedRange> ranges2 = new LinkedBlockingQueue<>();
        EthPeer first = client.connect(enodes.get(0), ranges0);
        EthPeer second = client.connect(enodes.get(1));
        EthPeer third = client.connect(enodes.get(2), ranges2);

        assertThat(first.announcedRange())
                .hasValueSatisfying(range -> assertThat(range.latest()).isEqualTo(20));
        for (EthPeer peer : List.of(first, second, third)) {
            assertThat(headers(peer, 18, 5))
                    .extracting(BlockHeader::number)
                    .containsExactly(18L, 19L, 20L);
        }

        devnet.advance(1);
        time.runDue();
        BlockHeader block21 = header(first, 21).orElseThrow();
        assertThat(awaitRange(ranges0, 21).latestHash()).isEqualTo(block21.hash());
        assertThat(header(second, 21)).as("peer 1 has not seen block 21 yet").isEmpty();
        assertThat(bodies(second, List.of(block21.hash()))).isEmpty();
        assertThat(header(third, 21)).isEmpty();

        time.advance(Duration.ofSeconds(1));
        assertThat(header(second, 21)).hasValue(block21);
        assertThat(header(third, 21)).isEmpty();

        time.advance(Duration.ofSeconds(2));
        assertThat(header(third, 21)).hasValue(block21);
        assertThat(awaitRange(ranges2, 21).latestHash()).isEqualTo(block21.hash());
        assertThat(devnet.head()).isEqualTo(21);
    }

    @Test
    void theHeadGrowsEveryBlockTimeUntilPaused() throws Exception {
        List<Enode> enodes = start(TestDevnets.small(dir, 1, 10, "block-time = 12s"));
        EthPeer peer = client.connect(enodes.get(0));

        time.advance(Duration.ofSeconds(11));
        assertThat(header(peer, 11)).isEmpty();
        time.advance(Duration.ofSeconds(1));
        assertThat(header(peer, 11)).isPresent();
        time.advance(Duration.ofSeconds(24));
        assertThat(devnet.head()).isEqualTo(13);

        devnet.pauseGrowth();
        time.advance(Duration.ofMinutes(1));
        assertThat(devnet.head()).isEqualTo(13);
        devnet.resumeGrowth();
        time.advance(Duration.ofSeconds(12));
        assertThat(devnet.head()).isEqualTo(14);
        assertThat(header(peer, 14)).isPresent();
    }

    @Test
    void servedBlocksMatchTheirHeadersAndLinkUp() throws Exception {
        List<Enode> enodes = start(TestDevnets.small(dir, 2, 30, ""));
        devnet.advance(2);
        time.runDue();
        EthPeer peer = client.connect(enodes.get(1));

        List<BlockHeader> chain = headers(peer, 0, 40);
        assertThat(chain).hasSize(33);
        assertThat(chain.get(0).hash()).isEqualTo(devnet.chainSpec().genesisHash());
        assertThat(chain.get(32).hash()).isEqualTo(devnet.headHash());
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).parentHash()).isEqualTo(chain.get(i - 1).hash());
        }
        List<BlockHeader> blocks = chain.subList(1, chain.size());
        List<Hash> hashes = blocks.stream().map(BlockHeader::hash).toList();
        List<BlockBody> bodies = bodies(peer, hashes);
        List<List<Receipt>> receipts = receipts(peer, blocks);
        assertThat(bodies).hasSize(32);
        assertThat(receipts).hasSize(32);
        for (int i = 0; i < blocks.size(); i++) {
            assertThat(bodies.get(i).mismatchWith(blocks.get(i))).isEmpty();
            assertThat(Receipts.mismatchWith(blocks.get(i), receipts.get(i))).isEmpty();
        }
    }
}
