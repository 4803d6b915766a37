package io.annals.devnet;

import static io.annals.devnet.EthClient.awaitRange;
import static io.annals.devnet.EthClient.bodies;
import static io.annals.devnet.EthClient.header;
import static io.annals.devnet.EthClient.headers;
import static io.annals.devnet.EthClient.receipts;
import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reorgs through real peers: the top blocks are replaced by a sibling branch on the same parent,
 * each peer switches after its propagation delay (peer 0 at once, peer 1 after 5 s), a peer that
 * has not switched still serves the old branch in full, and after switching it serves only the new
 * one, whose parent links are consistent down to the fork point.
 */
class ReorgTest {
    @TempDir Path dir;

    private final ManualScheduler time = new ManualScheduler();
    private final BlockingQueue<AnnouncedRange> fastRanges = new LinkedBlockingQueue<>();
    private Devnet devnet;
    private EthClient client;
    private EthPeer fast;
    private EthPeer slow;

    @BeforeEach
    void start() throws Exception {
        devnet =
                Devnet.create(
                        TestDevnets.small(dir, 2, 20, "propagation { per-peer = [0ms, 5s] }"),
                        time);
        List<Enode> enodes = devnet.start();
        client = new EthClient(devnet.chainSpec());
        fast = client.connect(enodes.get(0), fastRanges);
        slow = client.connect(enodes.get(1));
        devnet.advance(5);
        time.advance(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        devnet.close();
        time.close();
    }

    @Test
    void peersSwitchToTheSiblingBranchAfterTheirDelay() throws Exception {
        List<BlockHeader> before = headers(fast, 20, 6);
        assertThat(before)
                .extracting(BlockHeader::number)
                .containsExactly(20L, 21L, 22L, 23L, 24L, 25L);

        devnet.reorg(3);
        time.runDue();
        assertThat(devnet.branch()).isEqualTo(1);
        assertThat(devnet.head()).isEqualTo(25);

        List<BlockHeader> after = headers(fast, 22, 4);
        assertThat(after.get(0)).as("the fork point stays").isEqualTo(before.get(2));
        assertThat(after.subList(1, 4))
                .extracting(BlockHeader::hash)
                .doesNotContainAnyElementsOf(
                        before.subList(3, 6).stream().map(BlockHeader::hash).toList());
        assertNewBranchLinks(after);
        assertThat(awaitRange(fastRanges, after.get(3).hash()).latest())
                .as("the new head is announced")
                .isEqualTo(25);
        assertThat(bodies(fast, List.of(before.get(4).hash())))
                .as("the old block is gone at peer 0")
                .isEmpty();
        assertThat(bodies(fast, List.of(after.get(2).hash()))).hasSize(1);
        assertThat(Receipts.mismatchWith(after.get(3), receipts(fast, after.subList(3, 4)).get(0)))
                .isEmpty();

        // peer 1 has not heard of the reorg: it serves the old branch, bodies and receipts included
        assertThat(headers(slow, 20, 6)).isEqualTo(before);
        assertThat(bodies(slow, List.of(before.get(5).hash()))).hasSize(1);
        assertThat(
                        Receipts.mismatchWith(
                                before.get(5), receipts(slow, before.subList(5, 6)).get(0)))
                .isEmpty();
        assertThat(bodies(slow, List.of(after.get(3).hash())))
                .as("nor does it know the new blocks")
                .isEmpty();

        time.advance(Duration.ofSeconds(5));
        assertThat(headers(slow, 22, 4)).isEqualTo(after);
        assertThat(bodies(slow, List.of(before.get(5).hash()))).isEmpty();

        devnet.advance(1);
        time.runDue();
        assertThat(header(fast, 26).orElseThrow().parentHash())
                .as("growth continues on the new branch")
                .isEqualTo(after.get(3).hash());
    }

    @Test
    void aSecondReorgBeforeEveryPeerSwitchedKeepsEachBranchWhole() throws Exception {
        List<BlockHeader> original = headers(slow, 20, 6);
        devnet.reorg(3);
        time.runDue();
        List<BlockHeader> first = headers(fast, 20, 6);
        devnet.reorg(2);
        time.runDue();
        List<BlockHeader> second = headers(fast, 20, 6);

        assertNewBranchLinks(second);
        assertThat(second.subList(0, 4)).isEqualTo(first.subList(0, 4));
        assertThat(second.get(4).hash()).isNotEqualTo(first.get(4).hash());
        // peer 1 still serves the original branch, through two retired versions
        assertThat(headers(slow, 20, 6)).isEqualTo(original);
        assertThat(bodies(slow, hashes(original))).hasSize(6);

        time.advance(Duration.ofSeconds(5));
        assertThat(headers(slow, 20, 6)).isEqualTo(second);
        assertThat(bodies(slow, hashes(second))).hasSize(6);
        assertThat(devnet.branch()).isEqualTo(2);
    }

    private static void assertNewBranchLinks(List<BlockHeader> headers) {
        for (int i = 1; i < headers.size(); i++) {
            assertThat(headers.get(i).parentHash()).isEqualTo(headers.get(i - 1).hash());
            assertThat(headers.get(i).number()).isEqualTo(headers.get(i - 1).number() + 1);
        }
    }

    private static List<Hash> hashes(List<BlockHeader> headers) {
        return headers.stream().map(BlockHeader::hash).toList();
    }
}
