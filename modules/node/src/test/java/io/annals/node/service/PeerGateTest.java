package io.annals.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Hash;
import io.annals.p2p.eth.AnnouncedRange;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which eth/69 peers the gate keeps, by the range they announce. */
class PeerGateTest {
    private static AnnouncedRange range(long earliest, long latest) {
        return new AnnouncedRange(earliest, latest, Hash.ZERO);
    }

    @Test
    void aPeerThatExpiredTheHistoryBelowWhatIsNeededStillServesTheRest() {
        // mainnet since EIP-4444: the node needs 0.., the peer holds 15,537,394..
        assertThat(PeerGate.servesNeeded(range(15_537_394, 21_000_000), 0, OptionalLong.empty()))
                .isTrue();
        assertThat(PeerGate.servesNeeded(range(100, 140), 0, OptionalLong.of(140))).isTrue();
    }

    @Test
    void aPeerAtOrBehindTheNodesHeadServesTheBlocksToCome() {
        assertThat(PeerGate.servesNeeded(range(0, 99), 100, OptionalLong.empty())).isTrue();
    }

    @Test
    void aPeerWhoseHistoryStartsAboveTheEndBlockIsTurnedAway() {
        assertThat(PeerGate.servesNeeded(range(500, 900), 0, OptionalLong.of(400))).isFalse();
        assertThat(PeerGate.servesNeeded(range(400, 900), 0, OptionalLong.of(400))).isTrue();
    }

    @Test
    void withNothingLeftToFetchEveryPeerStays() {
        assertThat(PeerGate.servesNeeded(range(500, 900), 401, OptionalLong.of(400))).isTrue();
    }
}
