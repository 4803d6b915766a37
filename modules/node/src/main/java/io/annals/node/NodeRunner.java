package io.annals.node;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.NetworkPeers;
import io.annals.node.service.AnnalsNode;
import io.annals.node.service.EmbeddedDevnet;
import io.annals.node.service.NodeContext;
import io.annals.p2p.identity.Enode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node (and the embedded devnet, when asked) until the process is told to stop or sync
 * fails. SIGINT and SIGTERM run a shutdown hook that closes the node in order and then the devnet;
 * a sync failure closes both from here and returns {@link ExitCodes#SYNC_FAILED}, being downed by
 * the cluster {@link ExitCodes#CLUSTER_DOWNED}.
 */
final class NodeRunner {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRunner.class);

    private NodeRunner() {}

    /**
     * @param chain the validated chain; empty for the embedded devnet, which brings its own
     */
    static int run(
            Config config,
            NodeSettings settings,
            Optional<ChainSpec> chain,
            PrintStream out,
            PrintStream err) {
        Optional<EmbeddedDevnet> devnet = Optional.empty();
        AnnalsNode node;
        try {
            devnet =
                    settings.embeddedDevnet()
                            ? Optional.of(EmbeddedDevnet.start(config, out))
                            : Optional.empty();
            ChainSpec spec = devnet.map(EmbeddedDevnet::chainSpec).orElseGet(chain::orElseThrow);
            Path dataDir = settings.dataDir().orElseGet(NodeRunner::temporaryDataDir);
            out.println("data dir: " + dataDir.toAbsolutePath());
            // the embedded devnet is found from one bootnode, as a public network would be
            Optional<Enode> bootnode = devnet.flatMap(EmbeddedDevnet::bootnode);
            List<Enode> devnetPeers =
                    bootnode.isPresent()
                            ? List.of()
                            : devnet.map(EmbeddedDevnet::enodes).orElse(List.of());
            NetworkPeers network =
                    devnet.isPresent()
                            ? new NetworkPeers(
                                    bootnode.map(b -> List.of(b.toString())).orElse(List.of()),
                                    List.of())
                            : ChainSelection.peers(config, settings.network(), spec);
            node =
                    AnnalsNode.start(
                            new NodeContext(
                                    config, settings, spec, network, dataDir, devnetPeers, out));
            node.rpcAddress()
                    .ifPresent(
                            address ->
                                    out.println(
                                            "JSON-RPC: http://"
                                                    + address.getHostString()
                                                    + ":"
                                                    + address.getPort()
                                                    + "  (/health, /metrics)"));
        } catch (RuntimeException | Error e) {
            devnet.ifPresent(EmbeddedDevnet::close);
            throw e;
        }
        Optional<EmbeddedDevnet> ownedDevnet = devnet;
        Thread hook = new Thread(() -> stop(node, ownedDevnet), "annals-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        CompletableFuture.anyOf(node.syncFailed(), node.clusterDowned()).join();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal came as well: the hook closes the node; close() waits for it below
        }
        stop(node, ownedDevnet);
        if (node.clusterDowned().isDone()) {
            err.println("annals: " + node.clusterDowned().join() + "; restart it to join again");
            return ExitCodes.CLUSTER_DOWNED;
        }
        err.println("annals: sync stopped with an error: " + node.syncFailed().join());
        return ExitCodes.SYNC_FAILED;
    }

    private static void stop(AnnalsNode node, Optional<EmbeddedDevnet> devnet) {
        try {
            node.close();
        } catch (RuntimeException e) {
            LOG.error("error while stopping the node", e);
        }
        devnet.ifPresent(EmbeddedDevnet::close);
    }

    private static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("annals-node-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory", e);
        }
    }
}
