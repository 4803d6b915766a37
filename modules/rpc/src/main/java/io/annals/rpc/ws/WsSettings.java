package io.annals.rpc.ws;

import com.typesafe.config.Config;
import io.annals.rpc.RpcSettings;
import java.time.Duration;

/**
 * JSON-RPC over WebSocket ({@code annals.rpc.ws}, documented in {@code reference.conf}): served on
 * the RPC port (an HTTP upgrade of {@code GET /}) and on {@code port} too when that is set.
 *
 * @param port a second port serving the same endpoints; -1 for none
 * @param maxSubscriptions subscriptions one connection may hold
 * @param maxPendingBytes notification bytes a connection may leave unsent before it is dropped
 * @param maxInFlight calls of one connection running at once; reading pauses past it
 * @param pollInterval how often the head is checked for new blocks while subscriptions exist
 * @param maxCatchUp the most blocks one check delivers; a longer jump (initial sync) skips ahead
 */
public record WsSettings(
        int port,
        int maxSubscriptions,
        long maxPendingBytes,
        int maxInFlight,
        Duration pollInterval,
        int maxCatchUp) {

    public WsSettings {
        if (port < -1 || port > 65_535) {
            throw new IllegalArgumentException(
                    RpcSettings.PATH + ".ws.port must be -1 (none) or 0..65535, got " + port);
        }
        requirePositive("max-subscriptions", maxSubscriptions);
        requirePositive("max-pending-bytes", maxPendingBytes);
        requirePositive("max-in-flight", maxInFlight);
        requirePositive("poll-interval", pollInterval.toNanos());
        requirePositive("max-catch-up", maxCatchUp);
    }

    public static WsSettings fromConfig(Config root) {
        Config c = root.getConfig(RpcSettings.PATH + ".ws");
        return new WsSettings(
                c.getInt("port"),
                c.getInt("max-subscriptions"),
                c.getBytes("max-pending-bytes"),
                c.getInt("max-in-flight"),
                c.getDuration("poll-interval"),
                c.getInt("max-catch-up"));
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    RpcSettings.PATH + ".ws." + key + " must be positive, got " + value);
        }
    }
}
