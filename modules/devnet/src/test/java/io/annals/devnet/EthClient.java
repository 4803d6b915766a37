package io.annals.devnet;

import com.typesafe.config.ConfigFactory;
import io.annals.core.chain.ChainSpec;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.SessionListener;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.ChainReader;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.eth.EthPeerListener;
import io.annals.p2p.eth.EthProtocol;
import io.annals.p2p.eth.EthSettings;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.RlpxHost;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real eth client for the tests: its own RLPx host on 127.0.0.1 speaking eth/68-70 through the
 * p2p module, serving nothing but the genesis (as a node that has stored nothing yet), so the
 * devnet's peers accept its Status. Waits are bounded by 20 s and fail the test when exceeded.
 */
final class EthClient implements AutoCloseable {
    private static final int WAIT_SECONDS = 20;

    private final RlpxHost host;
    private final EthProtocol eth;
    private final ExecutorService worker = Executors.newFixedThreadPool(2);

    EthClient(ChainSpec spec) {
        ChainReader genesisOnly =
                new ChainReader() {
                    @Override
                    public AnnouncedRange availableRange() {
                        return new AnnouncedRange(0, 0, spec.genesisHash());
                    }

                    @Override
                    public Optional<byte[]> headerRlp(long number) {
                        return Optional.empty();
                    }

                    @Override
                    public OptionalLong numberOf(Hash hash) {
                        return OptionalLong.empty();
                    }

                    @Override
                    public Optional<byte[]> bodyRlp(Hash hash) {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<byte[]> receiptsEth69(Hash hash) {
                        return Optional.empty();
                    }
                };
        eth = EthProtocol.create(EthSettings.defaults(), spec, genesisOnly, worker, peer -> {});
        P2pSettings p2p =
                P2pSettings.fromConfig(
                        ConfigFactory.parseString(
                                        "annals.p2p { listen-host = 127.0.0.1, listen-port = 0, disconnect-linger = 100ms }")
                                .withFallback(ConfigFactory.defaultReference())
                                .resolve());
        host =
                RlpxHost.create(
                        NodeKey.generate(new SecureRandom()),
                        p2p,
                        List.of(eth),
                        SessionListener.NONE);
    }

    /**
     * Dials a devnet peer and waits for the eth handshake; BlockRangeUpdates go to {@code ranges}.
     */
    EthPeer connect(Enode enode, BlockingQueue<AnnouncedRange> ranges) throws Exception {
        RlpxSession session = host.dial(enode).get(WAIT_SECONDS, TimeUnit.SECONDS);
        EthPeer peer = eth.peer(session).get(WAIT_SECONDS, TimeUnit.SECONDS);
        peer.addListener(
                new EthPeerListener() {
                    @Override
                    public void onBlockRange(EthPeer from, AnnouncedRange range) {
                        ranges.add(range);
                    }
                });
        return peer;
    }

    EthPeer connect(Enode enode) throws Exception {
        return connect(enode, new LinkedBlockingQueue<>());
    }

    static List<BlockHeader> headers(EthPeer peer, long from, int count) throws Exception {
        return peer.headers(from, count, 0, false).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static Optional<BlockHeader> header(EthPeer peer, long number) throws Exception {
        return headers(peer, number, 1).stream().findFirst();
    }

    static List<BlockBody> bodies(EthPeer peer, List<Hash> hashes) throws Exception {
        return peer.bodies(hashes).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static List<List<Receipt>> receipts(EthPeer peer, List<BlockHeader> headers) throws Exception {
        return peer.receiptsOf(headers).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next BlockRangeUpdate whose latest block is {@code latest}, skipping others. */
    static AnnouncedRange awaitRange(BlockingQueue<AnnouncedRange> ranges, long latest)
            throws InterruptedException {
        return awaitRange(ranges, range -> range.latest() == latest, "to block " + latest);
    }

    /** The next BlockRangeUpdate announcing {@code head} as the latest block, skipping others. */
    static AnnouncedRange awaitRange(BlockingQueue<AnnouncedRange> ranges, Hash head)
            throws InterruptedException {
        return awaitRange(ranges, range -> range.latestHash().equals(head), "to " + head);
    }

    private static AnnouncedRange awaitRange(
            BlockingQueue<AnnouncedRange> ranges, Predicate<AnnouncedRange> wanted, String what)
            throws InterruptedException {
        while (true) {
            AnnouncedRange range = ranges.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (range == null) {
                throw new AssertionError(
                        "no BlockRangeUpdate " + what + " within " + WAIT_SECONDS + " s");
            }
            if (wanted.test(range)) {
                return range;
            }
        }
    }

    @Override
    public void close() {
        host.close();
        worker.shutdownNow();
    }
}
