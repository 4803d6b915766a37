package io.annals.p2p.discv4;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The settings of discv4, read from {@code annals.p2p.discovery} (reference.conf explains each).
 *
 * @param port the UDP port; -1 for the RLPx listen port, 0 for any free port
 */
public record Discv4Settings(
        boolean enabled,
        String listenHost,
        int port,
        Duration requestTimeout,
        Duration bondExpiration,
        Duration packetLifetime,
        Duration refreshInterval,
        Duration revalidateInterval,
        int packetsPerSecond,
        int packetBurst,
        int maxSources,
        int endpointVotes,
        int bucketIpLimit,
        int tableIpLimit) {

    public static final String PATH = "annals.p2p.discovery";

    public Discv4Settings {
        if (port < -1 || port > 0xffff) {
            throw new IllegalArgumentException(PATH + ".port must be -1..65535, got " + port);
        }
        for (Duration d :
                new Duration[] {
                    requestTimeout,
                    bondExpiration,
                    packetLifetime,
                    refreshInterval,
                    revalidateInterval
                }) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(PATH + " durations must be positive, got " + d);
            }
        }
        if (packetsPerSecond < 1 || packetBurst < 1 || maxSources < 1 || endpointVotes < 1) {
            throw new IllegalArgumentException(
                    PATH + ".rate-limit and endpoint-votes values must be positive");
        }
        if (bucketIpLimit < 1 || tableIpLimit < bucketIpLimit) {
            throw new IllegalArgumentException(
                    PATH + ".bucket-ip-limit must be positive and at most table-ip-limit");
        }
    }

    public static Discv4Settings fromConfig(Config root) {
        Config c = root.getConfig(PATH);
        return new Discv4Settings(
                c.getBoolean("enabled"),
                root.getString("annals.p2p.listen-host"),
                c.getInt("port"),
                c.getDuration("request-timeout"),
                c.getDuration("bond-expiration"),
                c.getDuration("packet-lifetime"),
                c.getDuration("refresh-interval"),
                c.getDuration("revalidate-interval"),
                c.getInt("rate-limit.packets-per-second"),
                c.getInt("rate-limit.burst"),
                c.getInt("rate-limit.max-sources"),
                c.getInt("endpoint-votes"),
                c.getInt("bucket-ip-limit"),
                c.getInt("table-ip-limit"));
    }

    public Discv4Settings withPort(int newPort) {
        return new Discv4Settings(
                enabled,
                listenHost,
                newPort,
                requestTimeout,
                bondExpiration,
                packetLifetime,
                refreshInterval,
                revalidateInterval,
                packetsPerSecond,
                packetBurst,
                maxSources,
                endpointVotes,
                bucketIpLimit,
                tableIpLimit);
    }
}
