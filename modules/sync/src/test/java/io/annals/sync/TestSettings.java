package io.annals.sync;

import com.typesafe.config.ConfigFactory;
import io.annals.sync.ledger.SchedulerSettings;

/** The module's reference.conf defaults, as tests use them. */
public final class TestSettings {

    private TestSettings() {}

    public static SyncSettings sync() {
        return SyncSettings.fromConfig(ConfigFactory.load());
    }

    public static SchedulerSettings historical() {
        return sync().historical();
    }

    public static SchedulerSettings follow() {
        return sync().follow();
    }
}
