package io.annals.p2p.eth;

import com.typesafe.config.ConfigFactory;
import io.annals.core.chain.ChainSpec;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.SessionListener;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.RlpxHost;
import io.annals.p2p.testing.TestSettings;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node for tests: an RLPx host on 127.0.0.1 speaking eth over a chain reader, with its own worker
 * pool.
 */
final class EthNode implements AutoCloseable {
    final RlpxHost host;
    final EthProtocol eth;
    final InetSocketAddress address;
    private final ExecutorService worker;
    private final BlockingQueue<EthPeer> ready = new LinkedBlockingQueue<>();

    private EthNode(ChainSpec spec, ChainReader reader, EthSettings settings) throws Exception {
        worker = Executors.newFixedThreadPool(2);
        eth = EthProtocol.create(settings, spec, reader, worker, ready::add);
        host =
                RlpxHost.create(
                        NodeKey.generate(new SecureRandom()),
                        TestSettings.defaults(),
                        List.of(eth),
                        SessionListener.NONE);
        address = host.listen().get(20, TimeUnit.SECONDS);
    }

    /**
     * A node with the eth settings of reference.conf overridden by HOCON under {@code
     * annals.p2p.eth}.
     */
    static EthNode start(ChainSpec spec, ChainReader reader, String ethOverrides) throws Exception {
        return new EthNode(spec, reader, settings(ethOverrides));
    }

    static EthSettings settings(String ethOverrides) {
        return EthSettings.fromConfig(
                ConfigFactory.parseString("annals.p2p.eth { " + ethOverrides + " }")
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve());
    }

    Enode enode() {
        return host.localEnode().orElseThrow();
    }

    /** Dials the other node and waits for the eth handshake. */
    EthPeer dial(EthNode other) throws Exception {
        RlpxSession session = host.dial(other.enode()).get(20, TimeUnit.SECONDS);
        return eth.peer(session).get(20, TimeUnit.SECONDS);
    }

    /** The next peer whose handshake with this node succeeded, within 20 s. */
    EthPeer nextReadyPeer() throws InterruptedException {
        EthPeer peer = ready.poll(20, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("no eth peer became ready within 20 s");
        }
        return peer;
    }

    /** The ready peer with this node id, skipping others, within 20 s. */
    EthPeer readyPeer(String nodeIdHex) throws InterruptedException {
        while (true) {
            EthPeer peer = nextReadyPeer();
            if (peer.id().equals(nodeIdHex)) {
                return peer;
            }
        }
    }

    @Override
    public void close() {
        host.close();
        worker.shutdownNow();
    }
}
