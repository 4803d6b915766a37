package io.annals.sync.peer;

import com.typesafe.config.Config;
import io.annals.core.config.ConfigSection;
import java.time.Duration;

/**
 * The peer actors' settings, read from {@code annals.sync.peer}.
 *
 * @param batchTimeout the longest one batch (headers, then bodies and receipts) may take before it
 *     is reported failed and the peer asks again; each request also has the transport's own timeout
 * @param probeSpan how many headers from the believed head a head probe asks for; covers the lag of
 *     announcements (up to an epoch, 32 blocks) with room to spare
 */
public record PeerSettings(Duration batchTimeout, int probeSpan) {

    public PeerSettings {
        if (batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new IllegalArgumentException("peer.batch-timeout must be positive");
        }
        if (probeSpan < 1 || probeSpan > 1024) {
            throw new IllegalArgumentException(
                    "peer.probe-span must be within 1..1024, was " + probeSpan);
        }
    }

    public static PeerSettings fromConfig(Config config) {
        Config peer = config.getConfig("annals.sync.peer");
        return ConfigSection.at(config, "annals.sync.peer")
                .build(
                        () ->
                                new PeerSettings(
                                        peer.getDuration("batch-timeout"),
                                        peer.getInt("probe-span")));
    }
}
