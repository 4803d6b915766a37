package io.annals.p2p.peers;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code annals.p2p.peers}, the peer manager (reference.conf explains each key), with {@code
 * max-peers} from {@code annals.p2p}.
 */
public record PeerSettings(
        int maxPeers,
        double inboundShare,
        int dialsPerSecond,
        int maxConcurrentDials,
        Duration dialBackoffMin,
        Duration dialBackoffMax,
        Duration evictionBackoff,
        int maxKnownNodes,
        int maxCachedNodes,
        Duration cacheInterval,
        int maxFailedRequests,
        Duration slowRequest) {

    public static final String PATH = "annals.p2p.peers";

    public PeerSettings {
        if (maxPeers < 1) {
            throw new IllegalArgumentException("annals.p2p.max-peers must be positive");
        }
        if (inboundShare < 0 || inboundShare > 1) {
            throw new IllegalArgumentException(PATH + ".inbound-share must be within 0..1");
        }
        if (dialsPerSecond < 1
                || maxConcurrentDials < 1
                || maxKnownNodes < 1
                || maxFailedRequests < 1) {
            throw new IllegalArgumentException(
                    PATH
                            + ": dials-per-second, max-known-nodes and max-failed-requests must be positive");
        }
        if (dialBackoffMin.isNegative()
                || dialBackoffMin.isZero()
                || dialBackoffMax.compareTo(dialBackoffMin) < 0) {
            throw new IllegalArgumentException(
                    PATH + ": need 0 < dial-backoff.min <= dial-backoff.max");
        }
    }

    public static PeerSettings fromConfig(Config root) {
        Config c = root.getConfig(PATH);
        return new PeerSettings(
                root.getInt("annals.p2p.max-peers"),
                c.getDouble("inbound-share"),
                c.getInt("dials-per-second"),
                root.getInt("annals.p2p.max-concurrent-dials"),
                c.getDuration("dial-backoff.min"),
                c.getDuration("dial-backoff.max"),
                c.getDuration("eviction-backoff"),
                c.getInt("max-known-nodes"),
                c.getInt("node-cache.max-nodes"),
                c.getDuration("node-cache.interval"),
                c.getInt("eviction.max-failed-requests"),
                c.getDuration("eviction.slow-request"));
    }

    /** Most inbound sessions: the inbound share of max-peers, at least one. */
    public int maxInbound() {
        return Math.max(1, (int) Math.ceil(maxPeers * inboundShare));
    }

    /** Outbound sessions the manager dials towards: the rest of max-peers. */
    public int targetOutbound() {
        return Math.max(1, maxPeers - (int) Math.floor(maxPeers * inboundShare));
    }
}
