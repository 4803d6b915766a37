package io.annals.devnet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.annals.devnet.chain.DevnetChainSpec;
import io.annals.p2p.identity.Enode;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a devnet as a process of its own, for the sync benchmark and for pointing a node at it.
 * After the chain is ready it prints machine-readable lines on stdout, then runs until killed;
 * SIGTERM (or Ctrl-C) closes the peers and the store cleanly and prints each peer's counters:
 *
 * <pre>
 * devnet-peer 0 enode://3f1c…@127.0.0.1:40321
 * …                                          (one line per peer, in index order)
 * devnet-chain {"annals":{"chain":{"name":"devnet",…}}}   (annals.chain as one line of JSON/HOCON)
 * devnet-ready peers=8 head=20000 genesis=0x… network-id=1337
 * …                                          (runs until killed)
 * devnet-stats peer=0 sessions=1 requests=412 dropped=0 shortened=0 delayed=0
 * devnet-stopped head=20042 cpu-ms=18350
 * </pre>
 *
 * Logging goes to stderr. Flags override the configuration file, which overrides reference.conf.
 */
@Command(
        name = "devnet",
        mixinStandardHelpOptions = true,
        description =
                "A local devnet: a generated mainnet-like chain served by real RLPx/eth peers with fault plans.")
public final class DevnetMain implements Callable<Integer> {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "HOCON file with annals.devnet (e.g. conf/devnet.conf).")
    Path configFile;

    @Option(
            names = "--peers",
            paramLabel = "N",
            description = "Number of peers (annals.devnet.peers).")
    Integer peers;

    @Option(
            names = "--blocks",
            paramLabel = "N",
            description = "Head block at start (annals.devnet.blocks).")
    Long blocks;

    @Option(
            names = "--block-time",
            paramLabel = "DURATION",
            description = "Head growth pace, e.g. 12s; 0s for none.")
    String blockTime;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the generated chain is kept.")
    Path dataDir;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Seed of the chain, keys, delays and faults.")
    Long seed;

    @Option(
            names = "--base-port",
            paramLabel = "PORT",
            description = "Peer i listens on PORT + i (0: free ports).")
    Integer basePort;

    private final PrintStream out;

    DevnetMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DevnetMain(System.out)).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        DevnetSettings settings;
        try {
            settings = DevnetConfig.fromConfig(config());
        } catch (ConfigException e) {
            System.err.println("devnet: bad configuration: " + e.getMessage());
            return 2;
        }
        Devnet devnet = Devnet.create(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    long head = -1;
                                    try {
                                        head = devnet.head();
                                    } catch (RuntimeException e) {
                                        // not started, or already closing
                                    }
                                    for (int i = 0; i < devnet.peers().size(); i++) {
                                        out.println(
                                                "devnet-stats peer=" + i + " " + devnet.stats(i));
                                    }
                                    devnet.close();
                                    out.println(
                                            "devnet-stopped head="
                                                    + head
                                                    + " cpu-ms="
                                                    + processCpuMillis());
                                    out.flush();
                                    stopped.countDown();
                                },
                                "devnet-shutdown"));
        List<Enode> enodes = devnet.start();
        for (int i = 0; i < enodes.size(); i++) {
            out.println("devnet-peer " + i + " " + enodes.get(i));
        }
        out.println("devnet-chain " + DevnetChainSpec.toJson(devnet.chainSpec()));
        out.println(
                "devnet-ready peers="
                        + enodes.size()
                        + " head="
                        + devnet.head()
                        + " genesis="
                        + devnet.chainSpec().genesisHash()
                        + " network-id="
                        + devnet.chainSpec().networkId());
        out.flush();
        stopped.await();
        return 0;
    }

    private Config config() {
        Map<String, Object> flags = new HashMap<>();
        put(flags, "peers", peers);
        put(flags, "blocks", blocks);
        put(flags, "block-time", blockTime);
        put(flags, "data-dir", dataDir == null ? null : dataDir.toString());
        put(flags, "seed", seed);
        put(flags, "base-port", basePort);
        Config file = ConfigFactory.empty();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ConfigException.Generic("no configuration file " + configFile);
            }
            file = ConfigFactory.parseFile(configFile.toFile());
        }
        return ConfigFactory.parseMap(flags)
                .withFallback(file)
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }

    private static void put(Map<String, Object> flags, String key, Object value) {
        if (value != null) {
            flags.put(DevnetConfig.PATH + "." + key, value);
        }
    }

    private static long processCpuMillis() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1_000_000;
        }
        return -1;
    }
}
