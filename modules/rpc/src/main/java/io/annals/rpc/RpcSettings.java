package io.annals.rpc;

import com.typesafe.config.Config;
import io.annals.core.config.ConfigSection;
import io.annals.rpc.ws.WsSettings;
import java.time.Duration;
import java.util.List;

/**
 * The RPC server's settings, read once from {@code annals.rpc} (see {@code reference.conf}, which
 * documents every key). Immutable; invalid values fail at start-up with the key named.
 */
public record RpcSettings(
        boolean enabled,
        String host,
        int port,
        List<String> corsOrigins,
        int maxRequestSize,
        int maxBatchSize,
        long maxResponseSize,
        Duration requestTimeout,
        Duration idleTimeout,
        int ioThreads,
        int blockingThreads,
        int blockingQueueSize,
        GetLogsLimits getLogs,
        WsSettings ws) {

    public static final String PATH = "annals.rpc";

    /** Limits of {@code eth_getLogs}, enforced by the method that serves it. */
    public record GetLogsLimits(long maxBlockRange, int maxLogs, int maxAddressesOrTopics) {
        public GetLogsLimits {
            requirePositive("get-logs.max-block-range", maxBlockRange);
            requirePositive("get-logs.max-logs", maxLogs);
            requirePositive("get-logs.max-addresses-or-topics", maxAddressesOrTopics);
        }
    }

    public RpcSettings {
        corsOrigins = List.copyOf(corsOrigins);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PATH + ".port must be 0..65535, got " + port);
        }
        requirePositive("max-request-size", maxRequestSize);
        requirePositive("max-batch-size", maxBatchSize);
        requirePositive("max-response-size", maxResponseSize);
        requirePositive("request-timeout", requestTimeout.toNanos());
        requirePositive("idle-timeout", idleTimeout.toNanos());
        requirePositive("io-threads", ioThreads);
        requirePositive("blocking-threads", blockingThreads);
        requirePositive("blocking-queue-size", blockingQueueSize);
    }

    /** Reads the settings from the {@code annals.rpc} section of a resolved configuration. */
    public static RpcSettings fromConfig(Config root) {
        Config c = root.getConfig(PATH);
        Config logs = c.getConfig("get-logs");
        return ConfigSection.at(root, PATH)
                .build(
                        () ->
                                new RpcSettings(
                                        c.getBoolean("enabled"),
                                        c.getString("host"),
                                        c.getInt("port"),
                                        c.getStringList("cors-origins"),
                                        intBytes(c, "max-request-size"),
                                        c.getInt("max-batch-size"),
                                        c.getBytes("max-response-size"),
                                        c.getDuration("request-timeout"),
                                        c.getDuration("idle-timeout"),
                                        c.getInt("io-threads"),
                                        c.getInt("blocking-threads"),
                                        c.getInt("blocking-queue-size"),
                                        new GetLogsLimits(
                                                logs.getLong("max-block-range"),
                                                logs.getInt("max-logs"),
                                                logs.getInt("max-addresses-or-topics")),
                                        WsSettings.fromConfig(root)));
    }

    private static int intBytes(Config c, String key) {
        long bytes = c.getBytes(key);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    PATH + "." + key + " must be below 2 GiB, got " + bytes);
        }
        return (int) bytes;
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    PATH + "." + key + " must be positive, got " + value);
        }
    }
}
