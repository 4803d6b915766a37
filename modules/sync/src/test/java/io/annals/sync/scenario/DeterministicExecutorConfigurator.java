package io.annals.sync.scenario;

import com.typesafe.config.Config;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * Plugs the system's {@link DeterministicExecutor} into a dispatcher ({@code executor = <this
 * class>}); every dispatcher so configured shares the one the {@link DeterministicScheduler} keeps,
 * where the simulation finds it.
 */
public final class DeterministicExecutorConfigurator extends ExecutorServiceConfigurator {

    private final DispatcherPrerequisites prerequisites;

    public DeterministicExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
        this.prerequisites = prerequisites;
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(
            String id, ThreadFactory threadFactory) {
        return () -> {
            if (!(prerequisites.scheduler() instanceof DeterministicScheduler scheduler)) {
                throw new IllegalStateException(
                        "the deterministic dispatcher needs the deterministic scheduler");
            }
            return scheduler.sharedExecutor();
        };
    }
}
