package io.annals.rpc.eth;

import com.typesafe.config.Config;
import io.annals.core.config.ConfigSection;
import io.annals.rpc.RpcSettings;
import io.annals.rpc.ws.WsSettings;
import java.time.Duration;

/**
 * Settings of the history methods, read from {@code annals.rpc} (see {@code reference.conf}): the
 * {@code eth_getLogs} limits, how the {@code safe} and {@code finalized} tags map to blocks, the
 * log and block filters, the sender cache and the WebSocket subscriptions.
 */
public record HistorySettings(
        RpcSettings.GetLogsLimits getLogs,
        BlockTags blockTags,
        Filters filters,
        int senderCacheSize,
        WsSettings ws,
        AnswerCacheSettings answerCache) {

    /**
     * The encoded answers of the newest blocks kept in memory ({@code answer-cache}).
     *
     * @param maxBytes JSON bytes kept at most; 0 turns the cache off
     * @param newestBlocks only blocks this close to the head are kept
     */
    public record AnswerCacheSettings(long maxBytes, int newestBlocks) {
        public AnswerCacheSettings {
            if (maxBytes < 0 || newestBlocks < 0) {
                throw new IllegalArgumentException(
                        RpcSettings.PATH + ".answer-cache: sizes must not be negative");
            }
        }
    }

    /** {@code safe} and {@code finalized} resolve to the head minus these many blocks. */
    public record BlockTags(int safeDepth, int finalizedDepth) {
        public BlockTags {
            if (safeDepth < 0 || finalizedDepth < safeDepth) {
                throw new IllegalArgumentException(
                        RpcSettings.PATH
                                + ".block-tags: need 0 <= safe-depth <= "
                                + "finalized-depth, got "
                                + safeDepth
                                + ", "
                                + finalizedDepth);
            }
        }
    }

    /**
     * Server-side filters ({@code eth_newFilter}, {@code eth_newBlockFilter}).
     *
     * @param maxFilters filters installed at once; more are refused until some expire or are
     *     removed
     * @param idleTimeout a filter not polled for this long is removed (geth: 5 minutes)
     * @param reorgWindow blocks below a filter's last reported block whose logs it keeps, to report
     *     them as removed after a reorg
     * @param maxRetainedLogs most logs one filter keeps for that
     */
    public record Filters(
            int maxFilters, Duration idleTimeout, int reorgWindow, int maxRetainedLogs) {
        public Filters {
            requirePositive("filters.max-filters", maxFilters);
            requirePositive("filters.idle-timeout", idleTimeout.toNanos());
            requirePositive("filters.reorg-window", reorgWindow);
            requirePositive("filters.max-retained-logs", maxRetainedLogs);
        }
    }

    public HistorySettings {
        requirePositive("sender-cache-size", senderCacheSize);
    }

    public static HistorySettings fromConfig(Config root) {
        RpcSettings rpc = RpcSettings.fromConfig(root);
        Config c = root.getConfig(RpcSettings.PATH);
        Config tags = c.getConfig("block-tags");
        Config filters = c.getConfig("filters");
        return ConfigSection.at(root, RpcSettings.PATH)
                .build(
                        () ->
                                new HistorySettings(
                                        rpc.getLogs(),
                                        new BlockTags(
                                                tags.getInt("safe-depth"),
                                                tags.getInt("finalized-depth")),
                                        new Filters(
                                                filters.getInt("max-filters"),
                                                filters.getDuration("idle-timeout"),
                                                filters.getInt("reorg-window"),
                                                filters.getInt("max-retained-logs")),
                                        c.getInt("sender-cache-size"),
                                        rpc.ws(),
                                        new AnswerCacheSettings(
                                                c.getBytes("answer-cache.max-bytes"),
                                                c.getInt("answer-cache.newest-blocks"))));
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    RpcSettings.PATH + "." + key + " must be positive, got " + value);
        }
    }
}
