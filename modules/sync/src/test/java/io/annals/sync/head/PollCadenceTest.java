package io.annals.sync.head;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When head polls go out: gathered where the next block is due, sparse before, on after misses. */
class PollCadenceTest {

    private static final long BLOCK = 12_000;
    private static final long INTERVAL = 500;
    private final PollCadence mainnet = new PollCadence(INTERVAL, BLOCK);

    @Test
    void beforeAnyBlockArrivedItPollsAtTheInterval() {
        assertThat(mainnet.nextPollAt(5_000, Long.MIN_VALUE)).isEqualTo(5_500);
    }

    @Test
    void afterABlockItPollsSparselyUntilTheNextIsDueThenAtTheInterval() {
        long rose = 100_000;
        // a quarter block time apart until a sixth of a block time before the next is due
        assertThat(mainnet.nextPollAt(rose, rose)).isEqualTo(rose + 3_000);
        assertThat(mainnet.nextPollAt(rose + 3_000, rose)).isEqualTo(rose + 6_000);
        assertThat(mainnet.nextPollAt(rose + 9_000, rose)).isEqualTo(rose + 10_000);
        // then every interval, also when the block is late
        assertThat(mainnet.nextPollAt(rose + 10_000, rose)).isEqualTo(rose + 10_500);
        assertThat(mainnet.nextPollAt(rose + 13_200, rose)).isEqualTo(rose + 13_700);
    }

    @Test
    void aMissedSlotMovesTheWindowOnByABlockTime() {
        long rose = 100_000;
        long pastTheGrace = rose + BLOCK + BLOCK / 2 + 1;
        assertThat(mainnet.nextPollAt(pastTheGrace, rose))
                .as("sparse again until the slot after")
                .isEqualTo(pastTheGrace + 3_000);
        assertThat(mainnet.nextPollAt(rose + 2 * BLOCK - 2_000, rose))
                .isEqualTo(rose + 2 * BLOCK - 1_500);
    }

    @Test
    void withAShortBlockTimeItIsASteadyInterval() {
        PollCadence devnet = new PollCadence(INTERVAL, 2_000);
        assertThat(devnet.nextPollAt(0, 0)).isEqualTo(500);
        assertThat(devnet.nextPollAt(1_700, 0)).isEqualTo(2_200);
    }
}
