package io.annals.devnet;

import static io.annals.devnet.EthClient.bodies;
import static io.annals.devnet.EthClient.headers;
import static io.annals.devnet.EthClient.receipts;
import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.chain.ChainSpec;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.identity.Enode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The condition of the escalation-deadlock analysis, as the devnet reproduces it for the sync
 * engine's end-to-end tests: 28 peers, each announcing the head while the 12 newest blocks' bodies
 * and receipts come back empty everywhere, until those blocks are old enough.
 */
class DeadlockConditionTest {
    private static final int PEERS = 28;
    private static final int FAILING = 12;

    @TempDir Path dir;

    @Test
    void theTwelveNewestBlocksFailAtEveryOneOf28PeersUntilTheyAreOld() throws Exception {
        ManualScheduler time = new ManualScheduler();
        DevnetSettings settings =
                TestDevnets.small(
                        dir,
                        PEERS,
                        40,
                        "faults = [ { peers = all, missing-tip { depth = "
                                + FAILING
                                + ", duration = 30s } } ], propagation { min = 0ms, max = 400ms }");
        try (Devnet devnet = Devnet.create(settings, time);
                EthClient client = new EthClient(spec(devnet.start(), devnet))) {
            List<EthPeer> peers = new ArrayList<>();
            for (Enode enode : devnet.enodes()) {
                peers.add(client.connect(enode));
            }
            devnet.advance(FAILING);
            time.advance(Duration.ofMillis(400));

            List<BlockHeader> tip = headers(peers.get(0), 41, FAILING);
            List<Hash> hashes = tip.stream().map(BlockHeader::hash).toList();
            for (EthPeer peer : peers) {
                assertThat(headers(peer, 41, FAILING))
                        .as("the head is announced and its headers served")
                        .isEqualTo(tip);
                assertThat(bodies(peer, hashes)).isEmpty();
                assertThat(receipts(peer, tip)).isEmpty();
                assertThat(bodies(peer, List.of(headers(peer, 40, 1).get(0).hash()))).hasSize(1);
            }

            time.advance(Duration.ofSeconds(30));
            for (EthPeer peer : peers) {
                assertThat(bodies(peer, hashes)).hasSize(FAILING);
            }
        } finally {
            time.close();
        }
    }

    /** The chain of a devnet just started (its enodes are read again from the devnet). */
    private static ChainSpec spec(List<Enode> started, Devnet devnet) {
        assertThat(started).hasSize(PEERS);
        return devnet.chainSpec();
    }
}
