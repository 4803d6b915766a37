package io.annals.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.rlp.Rlp;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.message.BlockHashAnnouncement;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.eth.message.EthMessageCodes;
import io.annals.p2p.testing.TestChain;
import io.annals.p2p.wire.DisconnectReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases of go-ethereum's eth conformance suite (cmd/devp2p/internal/ethtest/suite.go: its
 * GetBlockHeaders, GetNonexistentBlockHeaders, SimultaneousRequests, SameRequestID, ZeroRequestID,
 * GetBlockBodies, GetReceipts, GetLargeReceipts and BlockRangeUpdate* tests, same request ids and
 * shapes), played against our node by a hand-driven peer over real sockets. Our node is the serving
 * side here; where a case is about what we receive (BlockRangeUpdate, gossip), the roles are
 * reversed accordingly.
 */
class EthConformanceTest {
    /** Block 100 has 400 transactions: with 4 KiB eth/70 messages its receipts take many. */
    private static final TestChain CHAIN = TestChain.generate(11, 120, 4, 100, 400);

    private static final int HEAD = CHAIN.length() - 1;

    private static EthNode server;

    @BeforeAll
    static void start() throws Exception {
        server = EthNode.start(CHAIN.spec(), CHAIN.reader(), "receipts-message-size = 4KiB");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {68, 69, 70})
    void getBlockHeadersWithSkipAndReverse(int version) throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, version)) {
            peer.send(
                    new EthMessage.GetBlockHeaders(
                            33, new HeaderQuery(BlockOrigin.hash(CHAIN.hash(1)), 2, 1, false)));
            EthMessage.BlockHeaders forward = peer.expect(EthMessage.BlockHeaders.class);
            assertThat(forward.requestId()).isEqualTo(33);
            assertThat(numbers(forward)).containsExactly(1L, 3L);

            peer.send(new EthMessage.GetBlockHeaders(34, HeaderQuery.byNumber(20, 4, 2, true)));
            EthMessage.BlockHeaders reverse = peer.expect(EthMessage.BlockHeaders.class);
            assertThat(reverse.requestId()).isEqualTo(34);
            assertThat(numbers(reverse)).containsExactly(20L, 17L, 14L, 11L);
            assertThat(reverse.headers().get(0).toArray()).isEqualTo(CHAIN.header(20).encoding());
        }
    }

    @Test
    void tenRequestsForBlockTwoToTheSixtyFourMinusOneAreAnsweredEmpty() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 70)) {
            for (int id = 0; id < 10; id++) {
                peer.send(
                        new EthMessage.GetBlockHeaders(id, HeaderQuery.byNumber(-1L, 1, 0, false)));
            }
            for (int id = 0; id < 10; id++) {
                EthMessage.BlockHeaders answer = peer.expect(EthMessage.BlockHeaders.class);
                assertThat(answer.requestId()).isEqualTo(id);
                assertThat(answer.headers()).isEmpty();
            }
            assertStillServed(peer);
        }
    }

    @Test
    void simultaneousRequestsAreBothAnswered() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 69)) {
            peer.send(
                    new EthMessage.GetBlockHeaders(
                            111, new HeaderQuery(BlockOrigin.hash(CHAIN.hash(1)), 2, 1, false)));
            peer.send(
                    new EthMessage.GetBlockHeaders(
                            222, new HeaderQuery(BlockOrigin.hash(CHAIN.hash(1)), 4, 1, false)));

            Map<Long, List<Long>> answers = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                EthMessage.BlockHeaders answer = peer.expect(EthMessage.BlockHeaders.class);
                answers.put(answer.requestId(), numbers(answer));
            }
            assertThat(answers).containsOnlyKeys(111L, 222L);
            assertThat(answers.get(111L)).containsExactly(1L, 3L);
            assertThat(answers.get(222L)).containsExactly(1L, 3L, 5L, 7L);
        }
    }

    @Test
    void theSameRequestIdTwiceGetsTwoAnswers() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 68)) {
            peer.send(new EthMessage.GetBlockHeaders(1234, HeaderQuery.byNumber(1, 2, 0, false)));
            peer.send(new EthMessage.GetBlockHeaders(1234, HeaderQuery.byNumber(33, 3, 0, false)));

            Map<Integer, List<Long>> bySize = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                EthMessage.BlockHeaders answer = peer.expect(EthMessage.BlockHeaders.class);
                assertThat(answer.requestId()).isEqualTo(1234);
                bySize.put(answer.headers().size(), numbers(answer));
            }
            assertThat(bySize.get(2)).containsExactly(1L, 2L);
            assertThat(bySize.get(3)).containsExactly(33L, 34L, 35L);
        }
    }

    @Test
    void requestIdZeroIsEchoed() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 70)) {
            peer.send(new EthMessage.GetBlockHeaders(0, HeaderQuery.byNumber(0, 2, 0, false)));
            EthMessage.BlockHeaders answer = peer.expect(EthMessage.BlockHeaders.class);
            assertThat(answer.requestId()).isZero();
            assertThat(numbers(answer)).containsExactly(0L, 1L);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {68, 69, 70})
    void getBlockBodiesAndReceipts(int version) throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, version)) {
            peer.send(new EthMessage.GetBlockBodies(55, List.of(CHAIN.hash(54), CHAIN.hash(75))));
            EthMessage.BlockBodies bodies = peer.expect(EthMessage.BlockBodies.class);
            assertThat(bodies.requestId()).isEqualTo(55);
            assertThat(bodies.bodies()).hasSize(2);
            assertThat(bodies.bodies().get(1).toArray()).isEqualTo(CHAIN.block(75).body().encode());

            List<Integer> blocks = List.of(3, 4, 5);
            peer.send(new EthMessage.GetReceipts(66, 0, blocks.stream().map(CHAIN::hash).toList()));
            EthMessage.Receipts receipts = peer.expect(EthMessage.Receipts.class);
            assertThat(receipts.requestId()).isEqualTo(66);
            assertThat(receipts.lastBlockIncomplete()).isFalse();
            assertThat(receipts.blockReceipts()).hasSize(blocks.size());
            for (int i = 0; i < blocks.size(); i++) {
                RawReceiptList list =
                        new RawReceiptList(
                                RawReceiptList.formOf(version), receipts.blockReceipts().get(i));
                assertThat(Receipts.mismatchWith(CHAIN.header(blocks.get(i)), list.decode()))
                        .isEmpty();
            }
        }
    }

    /**
     * go-ethereum's GetLargeReceipts: ask again from the last list's length until a response is
     * complete.
     */
    @Test
    void largeReceiptsComeInSeveralMessagesOnEth70() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 70)) {
            List<Integer> blocks = List.of(98, 99, 100, 101);
            List<List<ByteSlice>> received = new ArrayList<>();
            blocks.forEach(b -> received.add(new ArrayList<>()));
            int last = 0;
            boolean incomplete = false;
            int messages = 0;
            while (incomplete || last != blocks.size() - 1) {
                List<Hash> hashes =
                        blocks.subList(last, blocks.size()).stream().map(CHAIN::hash).toList();
                peer.send(new EthMessage.GetReceipts(66, received.get(last).size(), hashes));
                EthMessage.Receipts answer = peer.expect(EthMessage.Receipts.class);
                messages++;
                assertThat(answer.requestId()).isEqualTo(66);
                assertThat(answer.blockReceipts()).isNotEmpty();
                for (int i = 0; i < answer.blockReceipts().size(); i++) {
                    received.get(last + i).addAll(items(answer.blockReceipts().get(i)));
                }
                last += answer.blockReceipts().size() - 1;
                incomplete = answer.lastBlockIncomplete();
            }
            assertThat(messages).isGreaterThan(5);
            for (int i = 0; i < blocks.size(); i++) {
                RawReceiptList list =
                        new RawReceiptList(
                                RawReceiptList.Form.ETH69,
                                ByteSlice.of(
                                        Rlp.encodeList(
                                                received.get(i).stream()
                                                        .map(ByteSlice::toArray)
                                                        .toArray(byte[][]::new))));
                assertThat(Receipts.mismatchWith(CHAIN.header(blocks.get(i)), list.decode()))
                        .as("block %d", blocks.get(i))
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {69, 70})
    void blockRangeUpdatesInThePastOrTheFutureAreAccepted(int version) throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, version)) {
            EthPeer ours = server.readyPeer(peer.host.nodeKey().nodeIdHex());
            AnnouncedRange expired = new AnnouncedRange(HEAD - 10, HEAD, CHAIN.hash(HEAD));
            AnnouncedRange future =
                    new AnnouncedRange(HEAD + 10, HEAD + 50, Hash.wrap(new byte[32]));

            peer.send(new EthMessage.BlockRangeUpdate(expired));
            assertStillServed(peer);
            assertThat(ours.announcedRange()).contains(expired);
            peer.send(new EthMessage.BlockRangeUpdate(future));
            assertStillServed(peer);
            assertThat(ours.announcedRange()).contains(future);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {69, 70})
    void aBlockRangeUpdateWithEarliestAfterLatestEndsTheSession(int version) throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, version)) {
            peer.send(new EthMessage.BlockRangeUpdate(new AnnouncedRange(10, 8, CHAIN.hash(8))));
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
        }
    }

    @Test
    void gossipIsIgnoredAndPooledTransactionsAnsweredEmpty() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 68)) {
            EthPeer ours = server.readyPeer(peer.host.nodeKey().nodeIdHex());
            BlockingQueue<List<BlockHashAnnouncement>> announced = new LinkedBlockingQueue<>();
            ours.addListener(
                    new EthPeerListener() {
                        @Override
                        public void onNewBlockHashes(
                                EthPeer from, List<BlockHashAnnouncement> announcements) {
                            announced.add(announcements);
                        }
                    });

            peer.sendRaw(
                    EthMessageCodes.TRANSACTIONS,
                    Rlp.encodeList(CHAIN.block(5).body().transactions().get(0).encoding()));
            peer.sendRaw(
                    EthMessageCodes.NEW_POOLED_TRANSACTION_HASHES,
                    Rlp.encodeList(Rlp.EMPTY_STRING, Rlp.EMPTY_LIST, Rlp.EMPTY_LIST));
            peer.sendRaw(
                    EthMessageCodes.NEW_BLOCK, Rlp.encodeList(Rlp.EMPTY_LIST, Rlp.EMPTY_STRING));
            peer.send(
                    new EthMessage.NewBlockHashes(
                            List.of(new BlockHashAnnouncement(CHAIN.hash(HEAD), HEAD))));
            peer.send(new EthMessage.GetPooledTransactions(9));

            EthMessage.PooledTransactions pooled = peer.expect(EthMessage.PooledTransactions.class);
            assertThat(pooled.requestId()).isEqualTo(9);
            assertThat(announced.poll(20, TimeUnit.SECONDS))
                    .containsExactly(new BlockHashAnnouncement(CHAIN.hash(HEAD), HEAD));
            assertThat(ours.headHash()).isEqualTo(CHAIN.hash(HEAD));
            assertStillServed(peer);
        }
    }

    /**
     * The session is open and a request sent now is answered: whatever came before was accepted.
     */
    private static void assertStillServed(RawEthPeer peer) throws Exception {
        peer.send(new EthMessage.GetBlockHeaders(4242, HeaderQuery.byNumber(HEAD, 1, 0, false)));
        EthMessage.BlockHeaders answer = peer.expect(EthMessage.BlockHeaders.class);
        assertThat(answer.requestId()).isEqualTo(4242);
        assertThat(numbers(answer)).containsExactly((long) HEAD);
        assertThat(peer.session.closed()).isNotDone();
    }

    private static List<Long> numbers(EthMessage.BlockHeaders headers) {
        return headers.headers().stream()
                .map(BlockHeader::decode)
                .map(BlockHeader::number)
                .toList();
    }

    private static List<ByteSlice> items(ByteSlice list) {
        io.annals.core.rlp.RlpReader reader = io.annals.core.rlp.RlpReader.of(list).readList();
        List<ByteSlice> out = new ArrayList<>();
        while (reader.hasNext()) {
            out.add(reader.readRawSlice());
        }
        return out;
    }
}
