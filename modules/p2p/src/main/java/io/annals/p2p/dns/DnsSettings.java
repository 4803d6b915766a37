package io.annals.p2p.dns;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code annals.p2p.discovery.dns} (reference.conf explains each key). */
public record DnsSettings(
        boolean enabled,
        List<String> lists,
        Optional<String> nameServer,
        Duration syncInterval,
        int queriesPerSecond,
        int maxEntries,
        Duration queryTimeout) {

    public static final String PATH = "annals.p2p.discovery.dns";

    public DnsSettings {
        lists = List.copyOf(lists);
        lists.forEach(EnrTreeUrl::parse);
        if (queriesPerSecond < 1 || maxEntries < 1) {
            throw new IllegalArgumentException(
                    PATH + ".queries-per-second and max-entries must be positive");
        }
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException(PATH + ".sync-interval must be positive");
        }
    }

    public static DnsSettings fromConfig(Config root) {
        Config c = root.getConfig(PATH);
        String server = c.getString("name-server").trim();
        return new DnsSettings(
                c.getBoolean("enabled"),
                c.getStringList("lists"),
                server.isEmpty() ? Optional.empty() : Optional.of(server),
                c.getDuration("sync-interval"),
                c.getInt("queries-per-second"),
                c.getInt("max-entries"),
                c.getDuration("query-timeout"));
    }
}
