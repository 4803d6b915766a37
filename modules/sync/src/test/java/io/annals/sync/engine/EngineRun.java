package io.annals.sync.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.sync.SyncChildren;
import io.annals.sync.SyncSettings;
import io.annals.sync.SyncStats;
import io.annals.sync.SyncSupervisor;
import io.annals.sync.link.PeerLink;
import io.annals.sync.model.TimeSource;
import io.annals.sync.write.SyncStore;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The whole engine (supervisor, scheduler, peer actors, writer, head tracker) over a real history
 * store, on a real actor system with real time: what a node runs, minus the network.
 */
final class EngineRun implements AutoCloseable {

    final ActorTestKit kit;
    final ActorRef<SyncSupervisor.Command> sync;

    EngineRun(String name, SyncStore store, SyncChildren children, String overrides) {
        Config config = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load());
        this.kit = ActorTestKit.create(name, config);
        SyncSettings settings = SyncSettings.fromConfig(config);
        this.sync =
                kit.spawn(SyncSupervisor.create(settings, TimeSource.system(), children), "sync");
    }

    EngineRun(String name, SyncStore store) {
        this(name, store, SyncChildren.standard(store), "");
    }

    void connect(PeerLink link) {
        sync.tell(new SyncSupervisor.PeerReady(link));
    }

    SyncStats stats() {
        TestProbe<SyncStats> probe = kit.createTestProbe();
        sync.tell(new SyncSupervisor.GetSyncStats(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(10));
    }

    /** Asks for the engine's stats (every 100 ms) until {@code done} holds, and returns them. */
    SyncStats awaitStats(Duration max, Predicate<SyncStats> done, String what) {
        TestProbe<SyncStats> probe = kit.createTestProbe();
        return probe.awaitAssert(
                max,
                Duration.ofMillis(100),
                () -> {
                    sync.tell(new SyncSupervisor.GetSyncStats(probe.ref()));
                    SyncStats stats = probe.receiveMessage(Duration.ofSeconds(10));
                    if (!done.test(stats)) {
                        throw new AssertionError("not yet " + what + ": " + stats);
                    }
                    return stats;
                });
    }

    /** Waits until the store holds every block up to {@code block}. */
    SyncStats awaitContiguousHead(long block, Duration max) {
        return awaitStats(
                max, stats -> contiguousHead(stats) >= block, "at contiguous head " + block);
    }

    static long contiguousHead(SyncStats stats) {
        return stats.writer().map(writer -> writer.contiguousHead().orElse(-1)).orElse(-1L);
    }

    @Override
    public void close() {
        kit.shutdownTestKit();
    }
}
