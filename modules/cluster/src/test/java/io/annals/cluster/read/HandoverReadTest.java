package io.annals.cluster.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.cluster.directory.Directory;
import io.annals.cluster.directory.DirectoryHolder;
import io.annals.cluster.directory.DirectoryUpdates;
import io.annals.cluster.directory.HeldRun;
import io.annals.cluster.directory.Holding;
import io.annals.cluster.directory.MemberCard;
import io.annals.cluster.range.RangeMap;
import io.annals.core.types.Hash;
import io.annals.rpc.methods.RpcException;
import io.annals.store.ChainIdentity;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import io.annals.store.StoreSettings;
import io.annals.store.testing.MainnetLikeChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A range changes hands while this host reads it: its former holder {@code b} drops the blocks once
 * the new owner {@code c} holds them, before this host's directory (which lags gossip) knows of
 * either. A read routed to {@code b} by the old directory finds nothing there; it must be asked
 * again of whoever the newer directory names, never answered "not found" (found by the cluster
 * test: {@code null} for blocks of a leaving host, 8 of 370 reads). Real stores and read services;
 * the directory is set by the test, as the directory view would set it from distributed data.
 */
class HandoverReadTest {
    private static final long START = 1_000;
    private static final RangeMap RANGES = new RangeMap(START, 10);
    private static final ChainIdentity CHAIN = new ChainIdentity(1, Hash.ZERO);
    private static final String A = "a".repeat(128);
    private static final String B = "b".repeat(128);
    private static final String C = "c".repeat(128);

    @TempDir Path dir;

    private ActorTestKit testKit;
    private HistoryStore here;
    private HistoryStore leaving;
    private HistoryStore taking;
    private List<FullBlock> chain;
    private DirectoryHolder holder;
    private final ReaderRoster.Readers readers = new ReaderRoster.Readers();

    @BeforeEach
    void twoHostsHoldTheRangeAndTheLeavingOneDropsIt() {
        testKit = ActorTestKit.create();
        here = open("a");
        leaving = open("b");
        taking = open("c");
        chain = new MainnetLikeChain(7, START, MainnetLikeChain.Shape.SMALL, true).next(20);
        leaving.write(chain);
        taking.write(chain);
        leaving.removeRange(1_010, 1_019); // handed over and dropped: c holds it now
        ActorRef<ReadService.Command> b = testKit.spawn(ReadService.create(leaving, 8));
        ActorRef<ReadService.Command> c = testKit.spawn(ReadService.create(taking, 8));
        readers.set(
                Map.of(
                        AddressFromURIString.parse(card(B).address()), b,
                        AddressFromURIString.parse(card(C).address()), c));
        holder = new DirectoryHolder(beforeTheHandover());
    }

    @AfterEach
    void close() {
        testKit.shutdownTestKit();
        here.close();
        leaving.close();
        taking.close();
    }

    @Test
    void aReadOfADroppedBlockIsAskedAgainOfItsNewHolder() throws Exception {
        ClusterHistory history = history(Duration.ofSeconds(5));
        CompletableFuture<Void> gossip = afterGossip(afterTheHandover());

        assertThat(history.header(1_015))
                .as("block 1015, read while the directory still names its former holder")
                .contains(chain.get(15).header());
        gossip.get(5, TimeUnit.SECONDS);
        assertThat(history.header(1_005)).contains(chain.get(5).header());
        assertThat(history.header(1_020)).as("past every holding: not found").isEmpty();
    }

    @Test
    void logsAndMissingRunsOfADroppedRangeAreAskedAgainToo() throws Exception {
        ClusterHistory history = history(Duration.ofSeconds(5));
        LogQuery query = LogQuery.range(1_000, 1_019);
        LogQueryResult expected = taking.logs(query);
        assertThat(expected).isInstanceOf(LogQueryResult.Complete.class);

        CompletableFuture<Void> gossip = afterGossip(afterTheHandover());
        assertThat(history.logs(query)).isEqualTo(expected);
        gossip.get(5, TimeUnit.SECONDS);

        DirectoryUpdates.publish(holder, beforeTheHandover());
        afterGossip(afterTheHandover());
        assertThat(history.missingIn(1_000, 1_019)).isEmpty();
    }

    @Test
    void aDroppedBlockWhoseNewHolderNeverShowsUpIsATemporaryErrorNotNotFound() {
        ClusterHistory history = history(Duration.ofMillis(400));

        assertThatThrownBy(() -> history.header(1_015))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("being synced or handed over")
                .hasMessageContaining("retry later");
        assertThatThrownBy(() -> history.logs(LogQuery.range(1_000, 1_019)))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("retry later");
    }

    // ---- the directories before and after gossip brings the handover

    /** {@code c} owns range 101 but has published nothing of it yet; {@code b} still shows it. */
    private Directory beforeTheHandover() {
        return directory(
                List.of(held(100, B, true, 1_000, 1_009), held(101, B, false, 1_000 + 10, 1_019)),
                List.of(new Holding(101, C, true, List.of())));
    }

    private Directory afterTheHandover() {
        return directory(
                List.of(held(100, B, true, 1_000, 1_009), held(101, C, true, 1_010, 1_019)),
                List.of(new Holding(101, B, false, List.of())));
    }

    private Directory directory(List<Holding> some, List<Holding> more) {
        Map<Long, List<Holding>> byRange = new java.util.HashMap<>();
        for (Holding h : concat(some, more)) {
            byRange.computeIfAbsent(h.range(), r -> new java.util.ArrayList<>()).add(h);
        }
        return new Directory(
                RANGES,
                A,
                byRange,
                Map.of(A, card(A), B, card(B), C, card(C)),
                Set.of(A, B, C),
                Optional.empty());
    }

    private Holding held(long range, String member, boolean owned, long first, long last) {
        Hash lastHash = chain.get((int) (last - START)).header().hash();
        return new Holding(range, member, owned, List.of(new HeldRun(first, last, lastHash)));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The newer directory arrives a moment later, as gossip would bring it. */
    private CompletableFuture<Void> afterGossip(Directory next) {
        return CompletableFuture.runAsync(
                () -> DirectoryUpdates.publish(holder, next),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    }

    private ClusterHistory history(Duration timeout) {
        return new ClusterHistory(here, holder, readers, testKit.system().scheduler(), timeout);
    }

    private static MemberCard card(String member) {
        int port = 2_000 + member.charAt(0);
        return new MemberCard(member, "pekko://annals@127.0.0.1:" + port, "enode://" + member);
    }

    private HistoryStore open(String name) {
        return HistoryStore.open(
                dir.resolve(name),
                CHAIN,
                StoreSettings.defaults()
                        .withSyncWrites(false)
                        .withLevelDb(1 << 20, 4 << 10, false)
                        .withStartBlock(START));
    }
}
