package io.annals.sync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.sync.model.PeerId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffLedgerTest {

    private static final PeerId A = PeerId.of("a");
    private static final PeerId B = PeerId.of("b");

    @Test
    void failuresDoubleTheCooldownUpToTheCap() {
        BackoffLedger ledger = new BackoffLedger(500, 5_000, 1_000);
        long[] expected = {500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000};
        for (int i = 0; i < expected.length; i++) {
            BackoffLedger.Cooldown cooldown = ledger.recordFailure(7, A, 100_000);
            assertThat(cooldown.failures()).isEqualTo(i + 1);
            assertThat(cooldown.untilMillis() - 100_000).isEqualTo(expected[i]);
        }
        assertThat(ledger.isCoolingDown(7, A, 104_999)).isTrue();
        assertThat(ledger.isCoolingDown(7, A, 105_000)).isFalse();
        assertThat(ledger.isCoolingDown(7, B, 100_000))
                .as("other peers are not affected")
                .isFalse();
    }

    @Test
    void aThousandFailuresStillCoolDownForNoMoreThanTheCap() {
        BackoffLedger ledger = new BackoffLedger(500, 128_000, 2_000);
        BackoffLedger.Cooldown last = null;
        for (int i = 0; i < 1_000; i++) {
            last = ledger.recordFailure(1, A, 0);
        }
        assertThat(last.untilMillis()).isEqualTo(128_000);
    }

    @Test
    void notYetAvailableIsAFlatDelayAndCountsNoFailure() {
        BackoffLedger ledger = new BackoffLedger(500, 128_000, 1_000);
        ledger.recordFailure(3, A, 0);
        for (int i = 0; i < 10; i++) {
            BackoffLedger.Cooldown cooldown = ledger.recordNotYetAvailable(3, A, 10_000 * i);
            assertThat(cooldown.failures()).isEqualTo(1);
            assertThat(cooldown.untilMillis()).isEqualTo(10_000L * i + 1_000);
            assertThat(cooldown.cause()).isEqualTo(BackoffLedger.Cause.NOT_YET_AVAILABLE);
        }
        assertThat(ledger.recordFailure(3, A, 200_000).untilMillis())
                .as("the next failure is the second")
                .isEqualTo(201_000);
    }

    @Test
    void entriesArePrunedWhenABlockCompletesOrAPeerLeaves() {
        BackoffLedger ledger = new BackoffLedger(500, 5_000, 1_000);
        for (long block = 0; block < 10; block++) {
            ledger.recordFailure(block, A, 0);
            ledger.recordFailure(block, B, 0);
        }
        assertThat(ledger.size()).isEqualTo(20);
        ledger.forgetBlock(3);
        assertThat(ledger.size()).isEqualTo(18);
        ledger.forgetPeer(A);
        assertThat(ledger.size()).isEqualTo(9);
        assertThat(ledger.blocksOf(A)).isEmpty();
        ledger.forgetRange(0, 4);
        assertThat(ledger.blocksOf(B)).containsExactlyInAnyOrder(5L, 6L, 7L, 8L, 9L);
        ledger.forgetPeer(B);
        assertThat(ledger.size()).isZero();
        assertThat(ledger.entries()).isEmpty();
    }

    @Test
    void restoringUnderASmallerCapCutsLongCooldowns() {
        BackoffLedger historical = new BackoffLedger(500, 128_000, 2_000);
        for (int i = 0; i < 12; i++) {
            historical.recordFailure(9, A, 0);
        }
        assertThat(historical.readyAt(9, A)).isEqualTo(128_000);
        BackoffLedger follow = new BackoffLedger(500, 5_000, 1_000);
        follow.restore(historical.entries(), 1_000);
        assertThat(follow.readyAt(9, A)).isEqualTo(6_000);
        assertThat(follow.get(9, A).orElseThrow().failures()).isEqualTo(12);
        assertThat(follow.recordFailure(9, A, 10_000).untilMillis()).isEqualTo(15_000);
        assertThat(List.copyOf(follow.blocksOf(A))).containsExactly(9L);
    }
}
