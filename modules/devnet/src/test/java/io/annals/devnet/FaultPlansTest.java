package io.annals.devnet;

import static io.annals.devnet.EthClient.bodies;
import static io.annals.devnet.EthClient.header;
import static io.annals.devnet.EthClient.headers;
import static io.annals.devnet.EthClient.receipts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.eth.PeerDisconnectedException;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.wire.DisconnectReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault of a plan, seen through a real eth client over real sockets: peer 0 is healthy, peer 1
 * has the fault. Time is manual, so ages and delays are exact.
 */
class FaultPlansTest {
    @TempDir Path dir;

    private final ManualScheduler time = new ManualScheduler();
    private Devnet devnet;
    private EthClient client;
    private EthPeer healthy;
    private EthPeer faulty;
    private List<Enode> enodes;

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

    private void start(long blocks, String faultOfPeer1) throws Exception {
        devnet =
                Devnet.create(
                        TestDevnets.small(
                                dir,
                                2,
                                blocks,
                                "faults = [ { peers = [1], " + faultOfPeer1 + " } ]"),
                        time);
        enodes = devnet.start();
        client = new EthClient(devnet.chainSpec());
        healthy = client.connect(enodes.get(0));
        faulty = client.connect(enodes.get(1));
    }

    private static List<Hash> hashes(List<BlockHeader> headers) {
        return headers.stream().map(BlockHeader::hash).toList();
    }

    @Test
    void missingTipBlocksComeBackEmptyUntilOldEnough() throws Exception {
        start(20, "missing-tip { depth = 2, duration = 10s, parts = [bodies, receipts] }");
        devnet.advance(2);
        time.runDue();
        List<BlockHeader> tip = headers(faulty, 21, 2);
        assertThat(tip).as("headers are served at once").hasSize(2);

        assertThat(bodies(faulty, hashes(tip))).isEmpty();
        assertThat(receipts(faulty, tip)).isEmpty();
        assertThat(bodies(healthy, hashes(tip))).hasSize(2);
        assertThat(bodies(faulty, List.of(header(faulty, 20).orElseThrow().hash())))
                .as("older blocks are served")
                .hasSize(1);

        time.advance(Duration.ofMillis(9_999));
        assertThat(bodies(faulty, hashes(tip))).isEmpty();
        time.advance(Duration.ofMillis(1));
        assertThat(bodies(faulty, hashes(tip))).hasSize(2);
        assertThat(receipts(faulty, tip)).hasSize(2);

        // only the top `depth` blocks are withheld, however young the others are
        devnet.advance(3);
        time.runDue();
        List<BlockHeader> next = headers(faulty, 23, 3);
        assertThat(bodies(faulty, hashes(next)))
                .as("block 23 is deeper than 2 below head 25")
                .hasSize(1);
    }

    @Test
    void corruptBodiesAndReceiptsFailTheRootCheck() throws Exception {
        start(20, "corrupt { bodies = true, receipts = true }");
        List<BlockHeader> blocks = headers(faulty, 1, 20);
        List<BlockBody> bad = bodies(faulty, hashes(blocks));
        List<List<Receipt>> badReceipts = receipts(faulty, blocks);
        List<BlockBody> good = bodies(healthy, hashes(blocks));
        List<List<Receipt>> goodReceipts = receipts(healthy, blocks);

        assertThat(bad).hasSize(20);
        for (int i = 0; i < blocks.size(); i++) {
            BlockHeader header = blocks.get(i);
            assertThat(bad.get(i).mismatchWith(header))
                    .as("body of block %d", header.number())
                    .isPresent();
            assertThat(Receipts.mismatchWith(header, badReceipts.get(i)))
                    .as("receipts of block %d", header.number())
                    .isPresent();
            assertThat(good.get(i).mismatchWith(header)).isEmpty();
            assertThat(Receipts.mismatchWith(header, goodReceipts.get(i))).isEmpty();
        }
    }

    @Test
    void aShareOfBlocksIsCorruptedTheSameWayEveryTime() throws Exception {
        start(40, "corrupt { receipts = true, share = 0.5 }");
        List<BlockHeader> blocks = headers(faulty, 1, 40);
        List<List<Receipt>> first = receipts(faulty, blocks);
        List<List<Receipt>> second = receipts(faulty, blocks);
        long corrupt = 0;
        for (int i = 0; i < blocks.size(); i++) {
            boolean bad = Receipts.mismatchWith(blocks.get(i), first.get(i)).isPresent();
            assertThat(Receipts.mismatchWith(blocks.get(i), second.get(i)).isPresent())
                    .isEqualTo(bad);
            corrupt += bad ? 1 : 0;
        }
        assertThat(corrupt).isBetween(8L, 32L);
        assertThat(bodies(faulty, hashes(blocks)))
                .allSatisfy(body -> assertThat(body).isNotNull())
                .hasSize(40);
    }

    @Test
    void aStuckPeerNeverAdvancesPastItsBlock() throws Exception {
        start(20, "stuck-at = 22");
        Hash stuckHead = null;
        devnet.advance(5);
        time.runDue();
        assertThat(header(healthy, 25)).isPresent();
        assertThat(header(faulty, 22)).isPresent();
        assertThat(header(faulty, 23)).isEmpty();
        stuckHead = header(faulty, 22).orElseThrow().hash();

        devnet.reorg(4);
        devnet.advance(3);
        time.advance(Duration.ofMinutes(1));
        assertThat(header(faulty, 23)).isEmpty();
        assertThat(header(faulty, 22).orElseThrow().hash())
                .as("still on the branch it was stuck on")
                .isEqualTo(stuckHead);
        assertThat(header(healthy, 22).orElseThrow().hash())
                .as("the others reorged below it")
                .isNotEqualTo(stuckHead);
        assertThat(bodies(faulty, List.of(stuckHead))).hasSize(1);
        assertThat(devnet.peers().get(1).view().state().seenHead()).isEqualTo(22);
    }

    @Test
    void droppedConnectionsDropAndTheNodeMayReconnect() throws Exception {
        start(20, "disconnect { after-requests = 2, reason = useless-peer }");
        assertThat(headers(faulty, 1, 3)).hasSize(3);
        assertThat(headers(faulty, 4, 3)).hasSize(3);
        assertThatThrownBy(() -> faulty.headers(7, 3, 0, false).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(PeerDisconnectedException.class);
        assertThat(faulty.closed().get(20, TimeUnit.SECONDS))
                .isEqualTo(DisconnectReason.USELESS_PEER);
        assertThat(headers(healthy, 7, 3)).hasSize(3);

        EthPeer again = client.connect(enodes.get(1));
        assertThat(headers(again, 7, 3)).as("a new session counts afresh").hasSize(3);
        assertThat(devnet.stats(1).dropped()).isEqualTo(1);
        assertThat(devnet.stats(1).sessions()).isEqualTo(2);
    }

    @Test
    void partialAnswersAreAPrefix() throws Exception {
        start(20, "partial { fraction = 0.5 }");
        List<BlockHeader> all = headers(healthy, 1, 10);
        assertThat(headers(faulty, 1, 10)).isEqualTo(all.subList(0, 5));
        assertThat(bodies(faulty, hashes(all.subList(0, 4))))
                .isEqualTo(bodies(healthy, hashes(all.subList(0, 2))));
        assertThat(receipts(faulty, all.subList(0, 4))).hasSize(2);
        assertThat(headers(faulty, 3, 1)).as("one item is answered in full").hasSize(1);
        assertThat(devnet.stats(1).shortened()).isEqualTo(3);
    }

    @Test
    void slowAnswersComeLate() throws Exception {
        start(20, "latency { min = 150ms, max = 250ms }");
        long started = System.nanoTime();
        assertThat(headers(faulty, 1, 4)).hasSize(4);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(elapsedMillis)
                .as("the answer waited for the drawn latency")
                .isGreaterThanOrEqualTo(150);
        assertThat(devnet.stats(1).delayed()).isEqualTo(1);
        assertThat(devnet.stats(0).delayed()).isZero();
    }
}
