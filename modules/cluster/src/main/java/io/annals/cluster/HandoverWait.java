package io.annals.cluster;

import io.annals.cluster.directory.Directory;
import io.annals.cluster.directory.DirectoryHolder;
import io.annals.cluster.directory.Holding;
import io.annals.cluster.range.RangeMap;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.ledger.RunSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leaving host's wait for its blocks to be held elsewhere: it checks the directory every quarter
 * second until the live hosts that stay hold every block of this host's store, or the time is up,
 * or no other host is up to take anything (the whole cluster is stopping). Meanwhile the host keeps
 * serving, so the new owners can take the blocks from it.
 */
final class HandoverWait {
    private static final Logger LOG = LoggerFactory.getLogger(HandoverWait.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final DirectoryHolder directory;
    private final HistoryStore store;
    private final RangeMap ranges;
    private final ActorSystem<?> system;

    HandoverWait(
            DirectoryHolder directory, HistoryStore store, RangeMap ranges, ActorSystem<?> system) {
        this.directory = directory;
        this.store = store;
        this.ranges = ranges;
        this.system = system;
    }

    CompletionStage<Done> await(Duration max) {
        CompletableFuture<Done> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + max.toNanos();
        LOG.info("leaving: waiting until other hosts hold this host's blocks (at most {})", max);
        check(done, deadline);
        return done;
    }

    private void check(CompletableFuture<Done> done, long deadline) {
        Directory current = directory.get();
        boolean others = current.liveMembers().stream().anyMatch(m -> !m.equals(current.self()));
        List<BlockRange> uncovered = uncovered(current, store.presentRanges());
        if (uncovered.isEmpty() || !others) {
            LOG.info(
                    uncovered.isEmpty()
                            ? "leaving: every block of this host is held elsewhere"
                            : "leaving: no other host is up to take this host's blocks");
            done.complete(Done.getInstance());
            return;
        }
        if (System.nanoTime() >= deadline) {
            LOG.warn(
                    "leaving before other hosts hold blocks {} (handover-timeout): their new owners"
                            + " sync them from the network",
                    uncovered.size() > 8 ? uncovered.subList(0, 8) + "..." : uncovered);
            done.complete(Done.getInstance());
            return;
        }
        system.scheduler()
                .scheduleOnce(CHECK_EVERY, () -> check(done, deadline), system.executionContext());
    }

    /** The runs of {@code present} that no other live host holds. */
    List<BlockRange> uncovered(Directory current, List<BlockRange> present) {
        RunSet left = new RunSet();
        present.forEach(run -> left.addRange(run.first(), run.last()));
        for (List<Holding> held : current.holdings().values()) {
            for (Holding holding : held) {
                if (holding.member().equals(current.self()) || !current.isLive(holding.member())) {
                    continue;
                }
                holding.runs().forEach(run -> left.removeRange(run.first(), run.last()));
            }
        }
        return left.runs().stream().filter(run -> run.last() >= ranges.startBlock()).toList();
    }
}
