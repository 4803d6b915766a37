package io.annals.sync.scenario;

import com.typesafe.config.Config;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * Plugs a {@link DeterministicExecutor} into a dispatcher ({@code executor = <this class>}) and
 * hands it to the system's {@link DeterministicScheduler}, where the simulation finds it.
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
            DeterministicExecutor executor = new DeterministicExecutor();
            if (!(prerequisites.scheduler() instanceof DeterministicScheduler scheduler)) {
                throw new IllegalStateException(
                        "the deterministic dispatcher needs the deterministic scheduler");
            }
            scheduler.attach(executor);
            return executor;
        };
    }
}
