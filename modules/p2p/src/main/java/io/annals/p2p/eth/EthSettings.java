package io.annals.p2p.eth;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.p2p.wire.EthCapability;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The eth layer's settings, read once from {@code annals.p2p.eth} (reference.conf explains each).
 * Immutable.
 */
public record EthSettings(
        Set<Integer> versions,
        Duration statusTimeout,
        Duration requestTimeout,
        int maxConsecutiveTimeouts,
        int maxOutstandingRequests,
        int maxRequestItems,
        long partialReceiptsMaxBlockGas,
        int maxHeadersServed,
        int maxBodiesServed,
        int maxReceiptsServed,
        int softResponseSize,
        int receiptsMessageSize,
        int maxQueuedRequests,
        long rangeUpdateInterval) {

    public EthSettings {
        versions = Set.copyOf(new TreeSet<>(versions));
        if (versions.isEmpty() || !EthCapability.VERSIONS.containsAll(versions)) {
            throw new IllegalArgumentException(
                    "eth versions must be a non-empty subset of "
                            + EthCapability.VERSIONS
                            + ", got "
                            + versions);
        }
        if (maxConsecutiveTimeouts < 1
                || maxOutstandingRequests < 1
                || maxRequestItems < 1
                || maxHeadersServed < 1
                || maxBodiesServed < 1
                || maxReceiptsServed < 1
                || maxQueuedRequests < 1
                || rangeUpdateInterval < 1) {
            throw new IllegalArgumentException("eth counts and limits must be positive");
        }
        if (softResponseSize < 1
                || receiptsMessageSize < 1024
                || partialReceiptsMaxBlockGas < 21_000) {
            throw new IllegalArgumentException("eth size limits are too small");
        }
    }

    /** Reads {@code annals.p2p.eth} from a resolved config. */
    public static EthSettings fromConfig(Config root) {
        Config c = root.getConfig("annals.p2p.eth");
        return new EthSettings(
                Set.copyOf(c.getIntList("versions")),
                c.getDuration("status-timeout"),
                c.getDuration("request-timeout"),
                c.getInt("max-consecutive-timeouts"),
                c.getInt("max-outstanding-requests"),
                c.getInt("max-request-items"),
                c.getLong("partial-receipts-max-block-gas"),
                c.getInt("max-headers-served"),
                c.getInt("max-bodies-served"),
                c.getInt("max-receipts-served"),
                (int) Math.min(Integer.MAX_VALUE, c.getBytes("soft-response-size")),
                (int) Math.min(Integer.MAX_VALUE, c.getBytes("receipts-message-size")),
                c.getInt("max-queued-requests"),
                c.getLong("range-update-interval"));
    }

    /** The reference.conf defaults. */
    public static EthSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference());
    }

    /** The most items a response to one of our requests may hold: what we never ask beyond. */
    public int maxResponseItems() {
        return maxRequestItems;
    }

    /** The most hashes of a request that are read: no response ever serves more. */
    public int maxServedItems() {
        return Math.max(maxHeadersServed, Math.max(maxBodiesServed, maxReceiptsServed));
    }

    /** These settings speaking only {@code only} of the eth versions (a subset of them). */
    public EthSettings withVersions(Set<Integer> only) {
        return new EthSettings(
                only,
                statusTimeout,
                requestTimeout,
                maxConsecutiveTimeouts,
                maxOutstandingRequests,
                maxRequestItems,
                partialReceiptsMaxBlockGas,
                maxHeadersServed,
                maxBodiesServed,
                maxReceiptsServed,
                softResponseSize,
                receiptsMessageSize,
                maxQueuedRequests,
                rangeUpdateInterval);
    }

    /** These settings announcing the served range every {@code blocks} blocks (eth/69+). */
    public EthSettings withRangeUpdateInterval(long blocks) {
        return new EthSettings(
                versions,
                statusTimeout,
                requestTimeout,
                maxConsecutiveTimeouts,
                maxOutstandingRequests,
                maxRequestItems,
                partialReceiptsMaxBlockGas,
                maxHeadersServed,
                maxBodiesServed,
                maxReceiptsServed,
                softResponseSize,
                receiptsMessageSize,
                maxQueuedRequests,
                blocks);
    }
}
