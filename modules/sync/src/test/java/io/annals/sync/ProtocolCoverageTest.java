package io.annals.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.sync.scheduler.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Java 17 has no exhaustive switch over a sealed interface, so this checks that every message of
 * each actor's protocol has its line in the actor's ReceiveBuilder.
 */
class ProtocolCoverageTest {

    @Test
    void everySchedulerCommandIsHandled() throws Exception {
        assertHandled(Scheduler.class, Scheduler.Command.class);
    }

    @Test
    void everySupervisorCommandIsHandled() throws Exception {
        assertHandled(SyncSupervisor.class, SyncSupervisor.Command.class);
    }

    @Test
    void everyPeerActorCommandIsHandled() throws Exception {
        assertHandled(
                io.annals.sync.peer.PeerActor.class, io.annals.sync.peer.PeerActor.Command.class);
    }

    @Test
    void everyWriterCommandIsHandled() throws Exception {
        assertHandled(io.annals.sync.write.Writer.class, io.annals.sync.write.Writer.Command.class);
    }

    @Test
    void everyHeadTrackerCommandIsHandled() throws Exception {
        assertHandled(
                io.annals.sync.head.HeadTracker.class,
                io.annals.sync.head.HeadTracker.Command.class);
    }

    private static void assertHandled(Class<?> actor, Class<?> protocol) throws Exception {
        // whitespace removed: the formatter may break a handler line anywhere
        String source =
                Files.readString(
                                Path.of(
                                        "src/main/java",
                                        actor.getName().replace('.', '/') + ".java"))
                        .replaceAll("\\s+", "");
        Class<?>[] messages = protocol.getPermittedSubclasses();
        assertThat(messages).isNotEmpty();
        for (Class<?> message : messages) {
            String handler =
                    message.isEnum()
                            ? ".onMessageEquals(" + message.getSimpleName() + "."
                            : ".onMessage(" + message.getSimpleName() + ".class";
            assertThat(source)
                    .as("%s handles %s", actor.getSimpleName(), message.getSimpleName())
                    .contains(handler);
        }
        assertThat(Arrays.stream(messages).map(Class::getSimpleName)).doesNotHaveDuplicates();
    }
}
