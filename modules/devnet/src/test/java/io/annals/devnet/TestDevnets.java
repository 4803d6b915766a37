package io.annals.devnet;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/**
 * Devnet settings for tests: small blocks, no growth unless asked, loopback ports, short lingers.
 */
final class TestDevnets {
    private TestDevnets() {}

    /**
     * {@code peers} peers at head {@code blocks} of a chain of small blocks in {@code dir}, plus
     * any HOCON under {@code annals.devnet} (it wins over these defaults).
     */
    static DevnetSettings small(Path dir, int peers, long blocks, String devnetHocon) {
        String base =
                "annals.devnet { peers = "
                        + peers
                        + ", blocks = "
                        + blocks
                        + ", block-time = 0s, data-dir = \""
                        + dir.toString().replace("\\", "/")
                        + "\", seed = 5, propagation { min = 0ms, max = 0ms }"
                        + ", shape { min-transactions = 2, max-transactions = 12, call-data-words = 4, withdrawals = 4"
                        + ", logs-per-transaction = 2.5, empty-block-share = 0.1 } }\n"
                        + "annals.p2p { disconnect-linger = 100ms, handshake-timeout = 5s, hello-timeout = 5s }";
        return DevnetConfig.fromConfig(
                ConfigFactory.parseString("annals.devnet { " + devnetHocon + " }")
                        .withFallback(ConfigFactory.parseString(base))
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve());
    }
}
