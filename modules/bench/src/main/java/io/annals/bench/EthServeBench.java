package io.annals.bench;

import io.annals.core.chain.Chains;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.SessionListener;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.eth.EthProtocol;
import io.annals.p2p.eth.EthSettings;
import io.annals.p2p.eth.RawReceiptList;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.RlpxHost;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serving over a real eth/70 session on 127.0.0.1, both nodes in this JVM: one request for 128
 * bodies (or receipt lists) of the mainnet-like blocks, answered from memory up to the 2 MiB soft
 * limit, then sent through Snappy and RLPx framing, received and sliced by the client. One
 * operation is one round trip; payload MB/s = ops/s x the response size printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EthServeBench {
    private ExecutorService worker;
    private RlpxHost server;
    private RlpxHost client;
    private EthPeer peer;
    private List<Hash> hashes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        worker = Executors.newFixedThreadPool(2);
        MainnetChainReader reader = new MainnetChainReader(EthResponses.SOURCE);
        EthSettings settings = EthSettings.defaults();
        P2pSettings p2p = P2pSettings.defaults().withListen("127.0.0.1", 0);
        server =
                RlpxHost.create(
                        NodeKey.generate(new SecureRandom()),
                        p2p,
                        List.of(
                                EthProtocol.create(
                                        settings, Chains.MAINNET, reader, worker, peer -> {})),
                        SessionListener.NONE);
        server.listen().get();
        EthProtocol eth = EthProtocol.create(settings, Chains.MAINNET, reader, worker, peer -> {});
        client =
                RlpxHost.create(
                        NodeKey.generate(new SecureRandom()),
                        p2p,
                        List.of(eth),
                        SessionListener.NONE);
        peer =
                client.dial(server.localEnode().orElseThrow())
                        .thenCompose(eth::peer)
                        .get(20, TimeUnit.SECONDS);
        hashes = new ArrayList<>();
        for (int i = 0; i < EthResponses.BLOCKS; i++) {
            hashes.add(EthResponses.block(i).header().hash());
        }
        List<ByteSlice> bodies = peer.rawBodies(hashes).get();
        List<RawReceiptList> receipts = peer.rawReceipts(hashes).get();
        System.out.printf(
                "%neth/%d: a BlockBodies answer holds %d bodies, %,d bytes; a Receipts answer %d lists, %,d bytes%n",
                peer.version(),
                bodies.size(),
                bodies.stream().mapToLong(ByteSlice::length).sum(),
                receipts.size(),
                receipts.stream().mapToLong(r -> r.encoding().length()).sum());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        server.close();
        worker.shutdownNow();
    }

    @Benchmark
    public Object bodies() throws Exception {
        return peer.rawBodies(hashes).get();
    }

    @Benchmark
    public Object receipts() throws Exception {
        return peer.rawReceipts(hashes).get();
    }
}
