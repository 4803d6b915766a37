package io.annals.devnet;

import static io.annals.devnet.EthClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.ChainSpecConfig;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.identity.Enode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DevnetMain as a process of its own, as the sync benchmark runs it: flags over a config file, one
 * machine-readable line per peer, the chain spec and a ready line on stdout; its peers answer a
 * real eth client; SIGTERM closes it cleanly and prints each peer's counters.
 */
class DevnetMainTest {
    @TempDir Path dir;

    @Test
    void printsItsPeersServesThemAndStopsOnSigterm() throws Exception {
        Path config = dir.resolve("devnet.conf");
        Files.writeString(
                config,
                """
                annals.devnet {
                  peers = 3
                  block-time = 0s
                  shape { min-transactions = 1, max-transactions = 5, call-data-words = 2, withdrawals = 2 }
                  faults = [ { peers = [1], latency { min = 1ms, max = 2ms } } ]
                }
                annals.p2p.disconnect-linger = 100ms
                """);
        Process process =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dlogback.configurationFile="
                                        + Path.of("../../conf/logback.xml").toAbsolutePath(),
                                DevnetMain.class.getName(),
                                "--config",
                                config.toString(),
                                "--peers",
                                "2",
                                "--blocks",
                                "6",
                                "--data-dir",
                                dir.resolve("data").toString(),
                                "--seed",
                                "9")
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader out =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = out.readLine()) != null) {
                                    lines.add(line);
                                }
                            } catch (java.io.IOException e) {
                                lines.add("read failed: " + e);
                            }
                        });
        reader.start();
        try {
            List<String> startup = readUntil(lines, "devnet-ready");
            assertThat(startup).hasSize(4);
            List<Enode> enodes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String[] fields = startup.get(i).split(" ");
                assertThat(fields).hasSize(3);
                assertThat(fields[0]).isEqualTo("devnet-peer");
                assertThat(fields[1]).isEqualTo(Integer.toString(i));
                enodes.add(Enode.parse(fields[2]));
            }
            assertThat(startup.get(2)).startsWith("devnet-chain {");
            ChainSpec spec =
                    ChainSpecConfig.load(
                            ConfigFactory.parseString(
                                    startup.get(2).substring("devnet-chain ".length())));
            assertThat(startup.get(3))
                    .isEqualTo(
                            "devnet-ready peers=2 head=6 genesis="
                                    + spec.genesisHash()
                                    + " network-id=1337");

            try (EthClient client = new EthClient(spec)) {
                EthPeer peer = client.connect(enodes.get(1));
                assertThat(header(peer, 6)).isPresent();
                assertThat(header(peer, 7)).isEmpty();
            }

            process.toHandle()
                    .destroy(); // SIGTERM, leaving our end of its stdout open (Process.destroy
            // closes it)
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<String> shutdown = readUntil(lines, "devnet-stopped");
            assertThat(shutdown).hasSize(3);
            assertThat(shutdown.get(0)).startsWith("devnet-stats peer=0 sessions=0 requests=0");
            assertThat(shutdown.get(1))
                    .startsWith(
                            "devnet-stats peer=1 sessions=1 requests=2 dropped=0 shortened=0 delayed=2");
            assertThat(shutdown.get(2)).startsWith("devnet-stopped head=6 cpu-ms=");
        } finally {
            process.destroyForcibly();
            reader.join(10_000);
        }
    }

    /** Lines up to and including the first one starting with {@code last}, within 60 s. */
    private static List<String> readUntil(BlockingQueue<String> lines, String last)
            throws InterruptedException {
        List<String> out = new ArrayList<>();
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError(
                        "no line starting with " + last + " within 60 s; got " + out);
            }
            out.add(line);
            if (line.startsWith(last)) {
                return out;
            }
        }
    }
}
