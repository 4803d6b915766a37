package io.annals.p2p.testing;

import com.typesafe.config.ConfigFactory;
import io.annals.p2p.P2pSettings;

/** Settings for tests: loopback, an ephemeral port, short timeouts; overrides in HOCON. */
public final class TestSettings {
    private TestSettings() {}

    public static P2pSettings with(String overrides) {
        String base =
                "annals.p2p { listen-host = 127.0.0.1, listen-port = 0, client-id = \"Annals/test\","
                        + " handshake-timeout = 2s, hello-timeout = 2s, ping-interval = 5s, disconnect-linger = 100ms,"
                        + " reconnect-min-delay = 50ms, reconnect-max-delay = 1s }";
        return P2pSettings.fromConfig(
                ConfigFactory.parseString(overrides)
                        .withFallback(ConfigFactory.parseString(base))
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve());
    }

    public static P2pSettings defaults() {
        return with("");
    }
}
