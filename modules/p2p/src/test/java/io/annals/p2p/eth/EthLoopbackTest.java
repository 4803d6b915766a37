package io.annals.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.chain.ChainSpec;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.testing.InMemoryChainReader;
import io.annals.p2p.testing.LogCapture;
import io.annals.p2p.testing.TestChain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our client against our server over real sockets on 127.0.0.1, for each of eth/68, eth/69 and
 * eth/70 (the server offers only that version): the handshake both ways, every request with the
 * answers checked against the generated chain (roots included), the eth/70 continuation of a block
 * whose receipts need several messages, and BlockRangeUpdate when the served head moves or is
 * replaced at the same height.
 */
class EthLoopbackTest {
    /** Block 150 has 400 transactions: with 4 KiB eth/70 messages its receipts take many. */
    private static final TestChain CHAIN = TestChain.generate(7, 200, 6, 150, 400);

    private static final int HEAD = CHAIN.length() - 1;

    private final List<AutoCloseable> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable node : nodes) {
            node.close();
        }
    }

    private EthNode node(InMemoryChainReader reader, String settings) throws Exception {
        EthNode node = EthNode.start(CHAIN.spec(), reader, settings);
        nodes.add(node);
        return node;
    }

    /** A server speaking only eth/{@code version} and a client speaking all three, connected. */
    private EthPeer connect(int version, InMemoryChainReader serverReader, String serverSettings)
            throws Exception {
        EthNode server = node(serverReader, "versions = [" + version + "], " + serverSettings);
        EthNode client = node(CHAIN.reader(), "");
        return client.dial(server);
    }

    @ParameterizedTest
    @ValueSource(ints = {68, 69, 70})
    void handshakeExchangesStatusBothWays(int version) throws Exception {
        EthNode server = node(CHAIN.reader(), "versions = [" + version + "]");
        EthNode client = node(CHAIN.reader(), "");
        EthPeer peer = client.dial(server);
        EthPeer reverse = server.nextReadyPeer();

        ChainSpec spec = CHAIN.spec();
        BlockHeader head = CHAIN.header(HEAD);
        EthMessage.Status status = peer.remoteStatus();
        assertThat(peer.version()).isEqualTo(version);
        assertThat(status.version()).isEqualTo(version);
        assertThat(status.networkId()).isEqualTo(TestChain.NETWORK_ID);
        assertThat(status.genesisHash()).isEqualTo(CHAIN.hash(0));
        assertThat(status.forkId()).isEqualTo(spec.forkIdAt(head.number(), head.timestamp()));
        assertThat(peer.headHash()).isEqualTo(head.hash());
        if (version == 68) {
            assertThat(status).isInstanceOf(EthMessage.StatusEth68.class);
            assertThat(((EthMessage.StatusEth68) status).totalDifficulty())
                    .isEqualTo(BigInteger.ZERO);
            assertThat(peer.announcedRange()).isEmpty();
        } else {
            assertThat(peer.announcedRange()).contains(new AnnouncedRange(0, HEAD, head.hash()));
        }
        assertThat(reverse.version()).isEqualTo(version);
        assertThat(reverse.id()).isEqualTo(client.host.nodeKey().nodeIdHex());
        // the server side requests too
        assertThat(reverse.headers(3, 2, 0, false).get(20, TimeUnit.SECONDS))
                .containsExactly(CHAIN.header(3), CHAIN.header(4));
    }

    @ParameterizedTest
    @ValueSource(ints = {68, 69, 70})
    void headersByNumberAndHashWithSkipAndReverse(int version) throws Exception {
        EthPeer peer = connect(version, CHAIN.reader(), "");

        assertThat(get(peer.headers(10, 5, 0, false)))
                .containsExactlyElementsOf(headers(10, 11, 12, 13, 14));
        assertThat(get(peer.headers(10, 4, 2, false)))
                .containsExactlyElementsOf(headers(10, 13, 16, 19));
        assertThat(get(peer.headers(10, 4, 2, true)))
                .containsExactlyElementsOf(headers(10, 7, 4, 1));
        assertThat(get(peer.headers(CHAIN.hash(50), 3, 0, false)))
                .containsExactlyElementsOf(headers(50, 51, 52));
        assertThat(get(peer.headers(CHAIN.hash(50), 3, 9, true)))
                .containsExactlyElementsOf(headers(50, 40, 30));
        // prefixes: past the head, below genesis, unknown origin
        assertThat(get(peer.headers(HEAD - 1, 5, 0, false)))
                .containsExactlyElementsOf(headers(HEAD - 1, HEAD));
        assertThat(get(peer.headers(2, 5, 0, true))).containsExactlyElementsOf(headers(2, 1, 0));
        assertThat(get(peer.headers(-1L, 1, 0, false))).isEmpty();
        assertThat(get(peer.headers(Hash.ZERO, 3, 0, false))).isEmpty();
        // raw items are the served bytes
        assertThat(get(peer.rawHeaders(HeaderQuery.byNumber(7, 1, 0, false))).get(0).toArray())
                .isEqualTo(CHAIN.header(7).encoding());
    }

    @ParameterizedTest
    @ValueSource(ints = {68, 69, 70})
    void bodiesMatchTheirHeaders(int version) throws Exception {
        EthPeer peer = connect(version, CHAIN.reader(), "");
        List<Hash> hashes = IntStream.rangeClosed(140, 160).mapToObj(CHAIN::hash).toList();

        List<BlockBody> bodies = get(peer.bodies(hashes));

        assertThat(bodies).hasSize(hashes.size());
        for (int i = 0; i < bodies.size(); i++) {
            BlockHeader header = CHAIN.header(140 + i);
            assertThat(bodies.get(i).mismatchWith(header))
                    .as("body of block %d", 140 + i)
                    .isEmpty();
            assertThat(bodies.get(i).encode()).isEqualTo(CHAIN.block(140 + i).body().encode());
        }
        // the answer ends at the first block the server does not have
        List<Hash> withUnknown = List.of(CHAIN.hash(1), CHAIN.hash(2), Hash.ZERO, CHAIN.hash(3));
        assertThat(get(peer.bodies(withUnknown))).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {68, 69, 70})
    void receiptsMatchTheirHeaders(int version) throws Exception {
        EthPeer peer = connect(version, CHAIN.reader(), "");
        List<BlockHeader> headers =
                IntStream.rangeClosed(100, 130).mapToObj(CHAIN::header).toList();

        List<List<Receipt>> byHash =
                get(peer.receipts(headers.stream().map(BlockHeader::hash).toList()));
        List<List<Receipt>> byHeader = get(peer.receiptsOf(headers));

        assertThat(byHash).hasSize(headers.size()).isEqualTo(byHeader);
        for (int i = 0; i < headers.size(); i++) {
            assertThat(Receipts.mismatchWith(headers.get(i), byHash.get(i)))
                    .as("receipts of block %d", 100 + i)
                    .isEmpty();
            assertThat(byHash.get(i)).isEqualTo(CHAIN.block(100 + i).receipts());
        }
        List<RawReceiptList> raw = get(peer.rawReceipts(List.of(CHAIN.hash(120))));
        assertThat(raw.get(0).form()).isEqualTo(RawReceiptList.formOf(version));
    }

    @ParameterizedTest
    @ValueSource(ints = {68, 69, 70})
    void aBlockWhoseReceiptsExceedTheMessageSizeIsContinuedOnEth70(int version) throws Exception {
        EthPeer peer = connect(version, CHAIN.reader(), "receipts-message-size = 4KiB");
        assertThat(Receipts.encodeEth69List(CHAIN.block(150).receipts()).length)
                .isGreaterThan(10 * 4096);

        List<BlockHeader> fromBig =
                IntStream.rangeClosed(150, 152).mapToObj(CHAIN::header).toList();
        List<List<Receipt>> receipts;
        try (LogCapture log = new LogCapture(ReceiptsFetch.class)) {
            receipts = get(peer.receiptsOf(fromBig));
            assertThat(log.hasLine("receipts of block " + CHAIN.hash(150), "arrive in parts"))
                    .isEqualTo(version == 70);
        }
        assertThat(receipts).isNotEmpty();
        for (int i = 0; i < receipts.size(); i++) {
            assertThat(Receipts.mismatchWith(fromBig.get(i), receipts.get(i)))
                    .as("receipts of block %d", 150 + i)
                    .isEmpty();
        }

        // a big block after others ends an eth/70 answer before it: the caller gets the prefix
        List<BlockHeader> beforeBig =
                IntStream.rangeClosed(148, 152).mapToObj(CHAIN::header).toList();
        List<List<Receipt>> prefix = get(peer.receiptsOf(beforeBig));
        assertThat(prefix).hasSize(version == 70 ? 2 : 5);
        for (int i = 0; i < prefix.size(); i++) {
            assertThat(Receipts.mismatchWith(beforeBig.get(i), prefix.get(i))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {69, 70})
    void blockRangeUpdateFollowsTheServedHead(int version) throws Exception {
        InMemoryChainReader reader = CHAIN.reader();
        reader.setLatest(150);
        EthNode server = node(reader, "versions = [" + version + "]");
        EthNode client = node(CHAIN.reader(), "");
        EthPeer peer = client.dial(server);
        BlockingQueue<AnnouncedRange> ranges = new LinkedBlockingQueue<>();
        peer.addListener(
                new EthPeerListener() {
                    @Override
                    public void onBlockRange(EthPeer from, AnnouncedRange range) {
                        ranges.add(range);
                    }
                });
        assertThat(peer.announcedRange()).contains(new AnnouncedRange(0, 150, CHAIN.hash(150)));

        reader.setLatest(170);
        server.eth.chainUpdated();
        reader.setEarliest(5);
        reader.setLatest(199);
        server.eth.chainUpdated();

        // the move to 170 is under an epoch: only the second one is announced
        AnnouncedRange announced = ranges.poll(20, TimeUnit.SECONDS);
        assertThat(announced).isEqualTo(new AnnouncedRange(5, 199, CHAIN.hash(199)));
        assertThat(peer.announcedRange()).contains(announced);
        assertThat(peer.headHash()).isEqualTo(CHAIN.hash(199));
        // and new sessions get the new range in Status
        EthNode late = node(CHAIN.reader(), "");
        assertThat(late.dial(server).announcedRange()).contains(announced);
    }

    @ParameterizedTest
    @ValueSource(ints = {69, 70})
    void aHeadReplacedAtTheSameHeightIsAnnounced(int version) throws Exception {
        InMemoryChainReader original = CHAIN.reader();
        original.setLatest(170);
        // a sibling of block 170 on the same parent: a reorg of depth one that keeps the height
        RandomChain.GeneratedBlock sibling =
                new RandomChain(99).block(CHAIN.header(169), HeaderFormat.CANCUN, 3);
        List<RandomChain.GeneratedBlock> branch = new ArrayList<>(CHAIN.blocks().subList(0, 170));
        branch.add(sibling);
        SwitchingReader reader = new SwitchingReader(original);
        EthNode server = EthNode.start(CHAIN.spec(), reader, "versions = [" + version + "]");
        nodes.add(server);
        EthNode client = node(CHAIN.reader(), "");
        EthPeer peer = client.dial(server);
        BlockingQueue<AnnouncedRange> ranges = new LinkedBlockingQueue<>();
        peer.addListener(
                new EthPeerListener() {
                    @Override
                    public void onBlockRange(EthPeer from, AnnouncedRange range) {
                        ranges.add(range);
                    }
                });
        assertThat(peer.announcedRange()).contains(new AnnouncedRange(0, 170, CHAIN.hash(170)));

        reader.switchTo(new InMemoryChainReader(branch));
        server.eth.chainUpdated();

        AnnouncedRange announced = ranges.poll(20, TimeUnit.SECONDS);
        assertThat(announced).isEqualTo(new AnnouncedRange(0, 170, sibling.header().hash()));
        assertThat(peer.headHash()).isEqualTo(sibling.header().hash());
    }

    /** A reader whose chain a test replaces, as a node's store is after a reorg. */
    private static final class SwitchingReader implements ChainReader {
        private volatile ChainReader current;

        SwitchingReader(ChainReader initial) {
            current = initial;
        }

        void switchTo(ChainReader next) {
            current = next;
        }

        @Override
        public AnnouncedRange availableRange() {
            return current.availableRange();
        }

        @Override
        public java.util.Optional<byte[]> headerRlp(long number) {
            return current.headerRlp(number);
        }

        @Override
        public java.util.OptionalLong numberOf(Hash hash) {
            return current.numberOf(hash);
        }

        @Override
        public java.util.Optional<byte[]> bodyRlp(Hash hash) {
            return current.bodyRlp(hash);
        }

        @Override
        public java.util.Optional<byte[]> receiptsEth69(Hash hash) {
            return current.receiptsEth69(hash);
        }
    }

    private static List<BlockHeader> headers(int... numbers) {
        return IntStream.of(numbers).mapToObj(CHAIN::header).toList();
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }
}
