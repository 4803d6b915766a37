package io.annals.era.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.core.era.EraLimits;
import io.annals.era.EraFixture;
import io.annals.era.importer.ImportSettings;
import io.annals.era.source.EraSource;
import io.annals.era.source.HttpSource;
import io.annals.store.BlockRange;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.sync.SyncChildren;
import io.annals.sync.SyncSettings;
import io.annals.sync.SyncStats;
import io.annals.sync.SyncSupervisor;
import io.annals.sync.model.TimeSource;
import io.annals.sync.write.SyncStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync engine with an era source: a peer that expired its history below block 100 (it announces
 * earliest block 100 and serves nothing below), and era files of blocks 0..99. The scheduler hands
 * 0..99 to the era files and the rest to the peer; without the files, 0..99 are reported as having
 * no source.
 */
class EraSyncSourceTest {
    private static final long EXPIRED_BELOW = 100;

    @TempDir Path dir;

    @Test
    void theEraFilesGetTheBlocksNoPeerServes() throws Exception {
        Path files = Files.createDirectories(dir.resolve("era"));
        try (var listing = Files.list(EraFixture.smallExported())) {
            for (Path file : listing.toList()) {
                if (file.toString().endsWith(".era1")) {
                    Files.copy(file, files.resolve(file.getFileName()));
                }
            }
        }
        HistoryStore source = EraFixture.small().store();
        StorePeerLink peer = new StorePeerLink(source, EXPIRED_BELOW, EraFixture.SMALL_HEAD);
        try (HistoryStore store = store();
                EraSyncSource era =
                        EraSyncSource.open(
                                List.of(
                                        EraSource.of(
                                                files.toString(), HttpSource.Settings.DEFAULT)),
                                EraFixture.small().spec(),
                                new ImportSettings(
                                        1,
                                        true,
                                        64,
                                        EraLimits.DEFAULT,
                                        HttpSource.Settings.DEFAULT,
                                        dir.resolve("work")))) {
            assertThat(era.hint().earliest()).isZero();
            assertThat(era.hint().latest()).hasValue(EXPIRED_BELOW - 1);
            ActorTestKit kit = ActorTestKit.create("era-source", config());
            try {
                ActorRef<SyncSupervisor.Command> sync = engine(kit, store);
                sync.tell(new SyncSupervisor.PeerReady(peer));
                sync.tell(new SyncSupervisor.PeerReady(era));
                awaitStats(kit, sync, stats -> contiguousHead(stats) >= EraFixture.SMALL_HEAD - 64);
            } finally {
                kit.shutdownTestKit();
            }
            long stored = store.contiguousHead().orElse(-1);
            assertThat(stored).isGreaterThanOrEqualTo(EraFixture.SMALL_HEAD - 64);
            for (long n = 0; n <= stored; n++) {
                assertThat(store.canonicalHash(n))
                        .as("block %d", n)
                        .isEqualTo(source.canonicalHash(n));
            }
            assertThat(peer.bodiesServed).allMatch(n -> n >= EXPIRED_BELOW);
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void withoutEraFilesTheRangeIsReportedAsHavingNoSource() throws Exception {
        StorePeerLink peer =
                new StorePeerLink(EraFixture.small().store(), EXPIRED_BELOW, EraFixture.SMALL_HEAD);
        try (HistoryStore store = store()) {
            ActorTestKit kit = ActorTestKit.create("no-era-source", config());
            try {
                ActorRef<SyncSupervisor.Command> sync = engine(kit, store);
                sync.tell(new SyncSupervisor.PeerReady(peer));
                SyncStats stats =
                        awaitStats(
                                kit,
                                sync,
                                s ->
                                        s.scheduler()
                                                .map(sc -> sc.lastStall().isPresent())
                                                .orElse(false));
                var scheduler = stats.scheduler().orElseThrow();
                assertThat(scheduler.unserved())
                        .containsExactly(BlockRange.of(0, EXPIRED_BELOW - 1));
                assertThat(scheduler.lastStall().orElseThrow().toLogLine())
                        .contains("no source for blocks 0.." + (EXPIRED_BELOW - 1))
                        .contains("annals.history.era-sources");
            } finally {
                kit.shutdownTestKit();
            }
            assertThat(store.presentRanges()).allMatch(run -> run.first() >= EXPIRED_BELOW);
        }
    }

    private static Config config() {
        return ConfigFactory.parseString("annals.sync.historical.stall-threshold = 1s")
                .withFallback(ConfigFactory.load());
    }

    private static ActorRef<SyncSupervisor.Command> engine(ActorTestKit kit, HistoryStore store) {
        SyncSettings settings = SyncSettings.fromConfig(kit.system().settings().config());
        return kit.spawn(
                SyncSupervisor.create(
                        settings, TimeSource.system(), SyncChildren.standard(SyncStore.of(store))),
                "sync");
    }

    private static SyncStats awaitStats(
            ActorTestKit kit,
            ActorRef<SyncSupervisor.Command> sync,
            java.util.function.Predicate<SyncStats> done) {
        TestProbe<SyncStats> probe = kit.createTestProbe();
        return probe.awaitAssert(
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                () -> {
                    sync.tell(new SyncSupervisor.GetSyncStats(probe.ref()));
                    SyncStats stats = probe.receiveMessage(Duration.ofSeconds(10));
                    if (!done.test(stats)) {
                        throw new AssertionError("not yet: " + stats);
                    }
                    return stats;
                });
    }

    private static long contiguousHead(SyncStats stats) {
        return stats.writer().map(writer -> writer.contiguousHead().orElse(-1)).orElse(-1L);
    }

    private HistoryStore store() {
        return HistoryStore.open(
                dir.resolve("store"),
                new ChainIdentity(
                        EraFixture.SMALL_PARAMS.chainId(), EraFixture.small().spec().genesisHash()),
                StoreSettings.defaults().withSyncWrites(false));
    }
}
