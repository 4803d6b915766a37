package io.annals.sync.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * An actor system whose actors all run on the test thread, in virtual time: the default dispatcher
 * is a {@link DeterministicExecutor} and the scheduler a {@link DeterministicScheduler}. Nothing
 * happens between calls: {@link #drain()} runs every actor until all are idle, and {@link
 * #advance(Duration)} moves time task by task. Replies come back into {@link Inbox}es, actors that
 * just keep what they receive. No call waits on a real clock.
 */
final class SimulationSystem implements AutoCloseable {

    /** What the root actor does: spawn an actor and hand its reference back. */
    private record Spawn<T>(
            Behavior<T> behavior, String name, Props props, Consumer<ActorRef<T>> spawned) {}

    private static final Config CONFIG =
            ConfigFactory.parseString(
                            """
      pekko.scheduler.implementation = "io.annals.sync.scenario.DeterministicScheduler"
      pekko.actor.default-dispatcher.executor = "io.annals.sync.scenario.DeterministicExecutorConfigurator"
      # the logger actors start while the system starts, before any test thread could run them
      pekko.loggers-dispatcher = "pekko.actor.internal-dispatcher"
      """)
                    .withFallback(ConfigFactory.load());

    private final ActorSystem<Spawn<?>> system;
    private final DeterministicScheduler time;
    private final DeterministicExecutor executor;

    SimulationSystem(String name) {
        this(name, ConfigFactory.empty());
    }

    /** A simulation with {@code overrides} on top of its own configuration. */
    SimulationSystem(String name, Config overrides) {
        this.system =
                ActorSystem.create(
                        Behaviors.receive((context, message) -> spawn(context, message)),
                        name,
                        overrides.withFallback(CONFIG).resolve());
        this.time = (DeterministicScheduler) Adapter.toClassic(system).scheduler();
        this.executor = time.executor();
        drain();
    }

    private static <T> Behavior<Spawn<?>> spawn(
            org.apache.pekko.actor.typed.javadsl.ActorContext<Spawn<?>> context, Spawn<T> request) {
        request.spawned()
                .accept(context.spawn(request.behavior(), request.name(), request.props()));
        return Behaviors.same();
    }

    ActorSystem<?> system() {
        return system;
    }

    long now() {
        return time.currentTimeMs();
    }

    <T> ActorRef<T> spawn(Behavior<T> behavior, String name, Props props) {
        Object[] spawned = new Object[1];
        system.tell(new Spawn<>(behavior, name, props, ref -> spawned[0] = ref));
        drain();
        @SuppressWarnings("unchecked")
        ActorRef<T> ref = (ActorRef<T>) spawned[0];
        if (ref == null) {
            throw new IllegalStateException("the root actor did not spawn " + name);
        }
        return ref;
    }

    <T> Inbox<T> inbox(String name) {
        Inbox<T> inbox = new Inbox<>();
        inbox.ref =
                spawn(
                        Behaviors.receiveMessage(
                                message -> {
                                    inbox.received.add(message);
                                    return Behaviors.same();
                                }),
                        name,
                        Props.empty());
        return inbox;
    }

    /** Runs every actor until none has anything left to do. */
    void drain() {
        executor.drain();
    }

    /** Moves virtual time forward, running each timer at its time and draining after each. */
    void advance(Duration step) {
        time.advanceTo(time.currentTimeMs() + step.toMillis(), this::drain);
    }

    @Override
    public void close() {
        executor.release();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the simulation's actor system did not terminate", e);
        }
    }

    /** Collects what an actor is sent; read it after a drain. */
    static final class Inbox<T> {
        private final Deque<T> received = new ArrayDeque<>();
        private ActorRef<T> ref;

        ActorRef<T> ref() {
            return ref;
        }

        /** Sends the request built around this inbox, drains, and returns the one reply. */
        <R> T ask(SimulationSystem sim, ActorRef<R> target, Function<ActorRef<T>, R> request) {
            received.clear();
            target.tell(request.apply(ref));
            sim.drain();
            if (received.size() != 1) {
                throw new AssertionError(
                        "expected one reply from "
                                + target.path().name()
                                + ", got "
                                + received.size());
            }
            return received.poll();
        }

        T next() {
            if (received.isEmpty()) {
                throw new AssertionError("nothing received");
            }
            return received.poll();
        }
    }
}
