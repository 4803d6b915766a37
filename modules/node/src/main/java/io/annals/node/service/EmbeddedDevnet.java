package io.annals.node.service;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetConfig;
import io.annals.devnet.DevnetSettings;
import io.annals.p2p.identity.Enode;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * A devnet in the node's own process ({@code annals --devnet}): the chain of {@code annals.devnet}
 * generated (or reused from its data directory), its peers listening on this host, its head growing
 * every block time. The node takes the devnet's chain spec and its peers as static peers, and
 * closes it after itself.
 */
public final class EmbeddedDevnet implements AutoCloseable {
    private final Devnet devnet;
    private final List<Enode> enodes;

    private EmbeddedDevnet(Devnet devnet, List<Enode> enodes) {
        this.devnet = devnet;
        this.enodes = enodes;
    }

    public static EmbeddedDevnet start(Config config, PrintStream out) {
        DevnetSettings settings = DevnetConfig.fromConfig(config);
        out.println(
                "embedded devnet: "
                        + settings.peers()
                        + " peers, "
                        + settings.blocks()
                        + " blocks (generated once, kept in "
                        + settings.dataDir().toAbsolutePath()
                        + "), a new block every "
                        + settings.blockTime().toMillis() / 1000.0
                        + "s, faulty peers "
                        + faultyPeers(settings));
        Devnet devnet = Devnet.create(settings);
        try {
            List<Enode> enodes = devnet.start();
            out.println(
                    "embedded devnet ready: head "
                            + settings.blocks()
                            + ", chain "
                            + devnet.chainSpec().name()
                            + " (network id "
                            + devnet.chainSpec().networkId()
                            + ", genesis "
                            + devnet.chainSpec().genesisHash()
                            + ")");
            return new EmbeddedDevnet(devnet, enodes);
        } catch (RuntimeException e) {
            devnet.close();
            throw e;
        }
    }

    public ChainSpec chainSpec() {
        return devnet.chainSpec();
    }

    public List<Enode> enodes() {
        return enodes;
    }

    /**
     * Where the node starts: peer 0's discv4 endpoint, from which it discovers the rest; the static
     * peer list when the devnet runs without discovery.
     */
    public Optional<Enode> bootnode() {
        return devnet.bootnode();
    }

    @Override
    public void close() {
        devnet.close();
    }

    private static List<Integer> faultyPeers(DevnetSettings settings) {
        return java.util.stream.IntStream.range(0, settings.peers())
                .filter(i -> !settings.faults().get(i).isNone())
                .boxed()
                .toList();
    }
}
