package io.annals.rpc.eth.filters;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.rpc.eth.json.LogJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log filter's poll state on an in-memory chain, for what HTTP tests cannot time: a reorg that
 * lands while a poll's query runs, result and range limits per poll, a block with more logs than a
 * poll may return, and what is kept for removal notices.
 */
class LogPollTest {
    private static final PollLimits LIMITS = new PollLimits(10, 25, 8, 40);

    @Test
    void aReorgDuringTheQueryKeepsNothingOfItAndTheNextPollReadsTheNewBranch() {
        MemoryChain chain = new MemoryChain();
        chain.putRange(100, 105, 0, 2);
        LogPoll poll = new LogPoll(List.of(), List.of(), 0, Long.MAX_VALUE, LIMITS, chain);
        chain.putRange(106, 108, 0, 2);
        chain.duringNextQuery(() -> chain.putRange(107, 108, 1, 3));
        assertThat(poll.poll(chain)).isEmpty();
        assertThat(poll.poll(chain)).isEqualTo(chain.logs(106, 108, false));
        assertThat(poll.poll(chain)).isEmpty();
    }

    @Test
    void eachPollReturnsAtMostTheLimitsAndTheNextOneContinues() {
        MemoryChain chain = new MemoryChain();
        chain.put(100, 0, 0);
        LogPoll poll = new LogPoll(List.of(), List.of(), 0, Long.MAX_VALUE, LIMITS, chain);
        chain.putRange(101, 140, 0, 3);
        List<LogJson> all = new ArrayList<>();
        int polls = 0;
        for (List<LogJson> batch = poll.poll(chain); !batch.isEmpty(); batch = poll.poll(chain)) {
            assertThat(batch.size()).isLessThanOrEqualTo(25);
            all.addAll(batch);
            polls++;
        }
        assertThat(all).isEqualTo(chain.logs(101, 140, false));
        assertThat(polls).isGreaterThanOrEqualTo(5); // 120 logs at most 25 and 10 blocks a poll
    }

    @Test
    void aBlockWithMoreLogsThanAPollMayReturnComesWhole() {
        MemoryChain chain = new MemoryChain();
        chain.put(100, 0, 0);
        LogPoll poll = new LogPoll(List.of(), List.of(), 0, Long.MAX_VALUE, LIMITS, chain);
        chain.put(101, 0, 30);
        chain.put(102, 0, 1);
        assertThat(poll.poll(chain)).isEqualTo(chain.logs(101, 101, false));
        assertThat(poll.poll(chain)).isEqualTo(chain.logs(102, 102, false));
    }

    @Test
    void removalsReachBackAsFarAsTheLogsKept() {
        MemoryChain chain = new MemoryChain();
        chain.put(100, 0, 0);
        LogPoll poll = new LogPoll(List.of(), List.of(), 0, Long.MAX_VALUE, LIMITS, chain);
        chain.putRange(101, 120, 0, 2);
        while (!poll.poll(chain).isEmpty()) {
            // catch up to 120
        }
        // kept: the logs of the 8 blocks below the cursor (113..120); those of 111 and 112 are
        // forgotten
        List<LogJson> kept = chain.logs(113, 120, true);
        chain.dropAbove(110);
        chain.putRange(111, 121, 1, 1);
        poll.rolledBack(chain, 110);
        List<LogJson> expected = new ArrayList<>(kept);
        expected.addAll(chain.logs(111, 120, false)); // then the new branch, 10 blocks a poll
        assertThat(poll.poll(chain)).isEqualTo(expected);
        assertThat(poll.poll(chain)).isEqualTo(chain.logs(121, 121, false));
    }
}
