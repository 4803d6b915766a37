package io.annals.p2p.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerUsefulnessTest {
    @Test
    void failuresInARowMakeAPeerUselessAndAGoodAnswerResetsTheCount() {
        PeerUsefulness ledger = new PeerUsefulness(3, 1_000);

        assertThat(ledger.failed()).isEmpty();
        assertThat(ledger.answered(0, 10)).isEmpty(); // empty counts as failed
        assertThat(ledger.answered(5, 10)).isEmpty(); // reset
        assertThat(ledger.failed()).isEmpty();
        assertThat(ledger.failed()).isEmpty();
        assertThat(ledger.failed()).contains(EvictionReason.FAILED_PROBES);
    }

    @Test
    void slowAnswersInARowMakeAPeerTooSlow() {
        PeerUsefulness ledger = new PeerUsefulness(3, 1_000);

        assertThat(ledger.answered(1, 1_500)).isEmpty();
        assertThat(ledger.answered(1, 1_500)).isEmpty();
        assertThat(ledger.answered(1, 200)).isEmpty(); // a quick one resets
        assertThat(ledger.answered(1, 1_001)).isEmpty();
        assertThat(ledger.answered(1, 1_001)).isEmpty();
        assertThat(ledger.answered(1, 1_001)).contains(EvictionReason.TOO_SLOW);
    }
}
