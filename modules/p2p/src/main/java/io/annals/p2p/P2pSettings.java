package io.annals.p2p;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.core.config.ConfigSection;
import io.annals.p2p.identity.Enode;
import java.time.Duration;
import java.util.List;

/**
 * The transport's settings, read once from {@code annals.p2p} (see reference.conf for what each
 * means and its default). Immutable.
 */
public record P2pSettings(
        String clientId,
        String listenHost,
        int listenPort,
        int maxPeers,
        int maxFrameSize,
        int maxMessageSize,
        Duration handshakeTimeout,
        Duration helloTimeout,
        Duration pingInterval,
        Duration disconnectLinger,
        List<Enode> staticPeers,
        Duration reconnectMinDelay,
        Duration reconnectMaxDelay,
        int maxConcurrentDials) {

    public P2pSettings {
        staticPeers = List.copyOf(staticPeers);
        if (listenPort < 0 || listenPort > 65_535) {
            throw new IllegalArgumentException("listen-port must be 0..65535, got " + listenPort);
        }
        if (maxPeers < 1 || maxConcurrentDials < 1) {
            throw new IllegalArgumentException(
                    "max-peers and max-concurrent-dials must be positive");
        }
        if (maxFrameSize < 64 || maxMessageSize < 64) {
            throw new IllegalArgumentException(
                    "max-frame-size and max-message-size must be at least 64 bytes");
        }
    }

    /** Reads {@code annals.p2p} from a resolved config. */
    public static P2pSettings fromConfig(Config root) {
        Config c = root.getConfig("annals.p2p");
        return ConfigSection.at(root, "annals.p2p")
                .build(
                        () ->
                                new P2pSettings(
                                        c.getString("client-id"),
                                        c.getString("listen-host"),
                                        c.getInt("listen-port"),
                                        c.getInt("max-peers"),
                                        (int)
                                                Math.min(
                                                        Integer.MAX_VALUE,
                                                        c.getBytes("max-frame-size")),
                                        (int)
                                                Math.min(
                                                        Integer.MAX_VALUE,
                                                        c.getBytes("max-message-size")),
                                        c.getDuration("handshake-timeout"),
                                        c.getDuration("hello-timeout"),
                                        c.getDuration("ping-interval"),
                                        c.getDuration("disconnect-linger"),
                                        c.getStringList("static-peers").stream()
                                                .map(Enode::parse)
                                                .toList(),
                                        c.getDuration("reconnect-min-delay"),
                                        c.getDuration("reconnect-max-delay"),
                                        c.getInt("max-concurrent-dials")));
    }

    /** The reference.conf defaults. */
    public static P2pSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference());
    }

    public P2pSettings withListen(String host, int port) {
        return new P2pSettings(
                clientId,
                host,
                port,
                maxPeers,
                maxFrameSize,
                maxMessageSize,
                handshakeTimeout,
                helloTimeout,
                pingInterval,
                disconnectLinger,
                staticPeers,
                reconnectMinDelay,
                reconnectMaxDelay,
                maxConcurrentDials);
    }
}
