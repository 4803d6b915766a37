package io.annals.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.chain.ForkId;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.eth.message.EthMessageCodes;
import io.annals.p2p.testing.LogCapture;
import io.annals.p2p.testing.TestChain;
import io.annals.p2p.wire.DisconnectReason;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Peers that break the eth protocol, over real sockets against one node. Each case ends in a
 * Disconnect with the right reason and a log line saying what was wrong, while a well-behaved peer
 * of the same node carries on.
 */
class EthHostilePeerTest {
    private static final TestChain CHAIN = TestChain.generate(23, 100);
    private static final int HEAD = CHAIN.length() - 1;

    private static EthNode server;
    private static EthNode healthyClient;
    private static EthPeer healthy;
    private LogCapture log;

    @BeforeAll
    static void start() throws Exception {
        server =
                EthNode.start(
                        CHAIN.spec(),
                        CHAIN.reader(),
                        "status-timeout = 500ms, request-timeout = 1s, max-consecutive-timeouts = 2, max-outstanding-requests = 2");
        healthyClient = EthNode.start(CHAIN.spec(), CHAIN.reader(), "");
        healthy = healthyClient.dial(server);
    }

    @AfterAll
    static void stop() {
        healthyClient.close();
        server.close();
    }

    @BeforeEach
    void captureLogs() {
        log = new LogCapture(EthLink.class);
    }

    @AfterEach
    void theWellBehavedPeerIsUnaffected() throws Exception {
        log.close();
        assertThat(healthy.headers(HEAD - 2, 3, 0, false).get(20, TimeUnit.SECONDS))
                .containsExactly(
                        CHAIN.header(HEAD - 2), CHAIN.header(HEAD - 1), CHAIN.header(HEAD));
        assertThat(healthy.closed()).isNotDone();
    }

    @Test
    void wrongGenesis() throws Exception {
        try (RawEthPeer peer = RawEthPeer.connect(server, 69)) {
            Hash otherGenesis = CHAIN.hash(1);
            peer.send(
                    peer.statusWith(
                            TestChain.NETWORK_ID, otherGenesis, peer.theirStatus.forkId(), CHAIN));
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.SUBPROTOCOL_REASON);
            assertLogged("eth handshake refused", "genesis " + otherGenesis + " differs");
        }
    }

    @Test
    void wrongNetworkId() throws Exception {
        try (RawEthPeer peer = RawEthPeer.connect(server, 68)) {
            peer.send(peer.statusWith(1, CHAIN.hash(0), peer.theirStatus.forkId(), CHAIN));
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.SUBPROTOCOL_REASON);
            assertLogged("eth handshake refused", "network id 1 differs");
        }
    }

    @Test
    void forkIdOfAnotherChain() throws Exception {
        try (RawEthPeer peer = RawEthPeer.connect(server, 70)) {
            peer.send(
                    peer.statusWith(
                            TestChain.NETWORK_ID, CHAIN.hash(0), new ForkId(0xdeadbeef, 0), CHAIN));
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.SUBPROTOCOL_REASON);
            assertLogged("fork id ForkId[hash=0xdeadbeef", "rejected");
        }
    }

    /**
     * Our head is past Cancun; a peer on our fork state whose next fork already passed here is
     * stale.
     */
    @Test
    void forkIdWhoseNextForkPassedLocally() throws Exception {
        try (RawEthPeer peer = RawEthPeer.connect(server, 69)) {
            ForkId ours = peer.theirStatus.forkId();
            long passed = CHAIN.header(HEAD).timestamp() - 1;
            peer.send(
                    peer.statusWith(
                            TestChain.NETWORK_ID,
                            CHAIN.hash(0),
                            new ForkId(ours.hash(), passed),
                            CHAIN));
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.SUBPROTOCOL_REASON);
            assertLogged("rejected", "rule 1a");
        }
    }

    @Test
    void statusNotSentInTime() throws Exception {
        try (RawEthPeer peer = RawEthPeer.connect(server, 70)) {
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.TIMEOUT);
            assertLogged("no Status within 500 ms");
        }
    }

    @Test
    void aRequestBeforeStatus() throws Exception {
        try (RawEthPeer peer = RawEthPeer.connect(server, 69)) {
            peer.send(new EthMessage.GetBlockHeaders(1, HeaderQuery.byNumber(1, 1, 0, false)));
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
            assertLogged("GetBlockHeaders before Status");
        }
    }

    @Test
    void invalidRlpInAStatus() throws Exception {
        try (RawEthPeer peer = RawEthPeer.connect(server, 68)) {
            peer.sendRaw(EthMessageCodes.STATUS, new byte[] {(byte) 0xc8, 0x44, 0x01});
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
            assertLogged("malformed Status");
        }
    }

    @Test
    void invalidRlpInARequest() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 70)) {
            // the query list claims three bytes and holds two
            peer.sendRaw(
                    EthMessageCodes.GET_BLOCK_HEADERS,
                    new byte[] {(byte) 0xc5, 0x01, (byte) 0xc3, 0x01, 0x02});
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
            assertLogged("malformed GetBlockHeaders");
        }
    }

    @Test
    void anUnsolicitedResponse() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 69)) {
            peer.send(
                    new EthMessage.BlockHeaders(
                            777, List.of(ByteSlice.of(CHAIN.header(3).encoding()))));
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
            assertLogged("unsolicited BlockHeaders with request id 777");
        }
    }

    @Test
    void aResponseWithMoreItemsThanAsked() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 68)) {
            EthPeer ours = server.readyPeer(peer.host.nodeKey().nodeIdHex());
            CompletableFuture<List<BlockHeader>> asked = ours.headers(5, 2, 0, false);
            EthMessage.GetBlockHeaders request = peer.expect(EthMessage.GetBlockHeaders.class);

            peer.send(
                    new EthMessage.BlockHeaders(
                            request.requestId(),
                            IntStream.of(5, 6, 7)
                                    .mapToObj(n -> ByteSlice.of(CHAIN.header(n).encoding()))
                                    .toList()));

            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
            assertFailsWith(asked, InvalidResponseException.class);
            assertLogged("BlockHeaders holds 3 items", "asked for at most 2");
        }
    }

    @Test
    void headersThatDoNotAnswerTheQuery() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 70)) {
            EthPeer ours = server.readyPeer(peer.host.nodeKey().nodeIdHex());
            CompletableFuture<List<BlockHeader>> asked = ours.headers(5, 2, 0, false);
            EthMessage.GetBlockHeaders request = peer.expect(EthMessage.GetBlockHeaders.class);

            peer.send(
                    new EthMessage.BlockHeaders(
                            request.requestId(),
                            IntStream.of(5, 7)
                                    .mapToObj(n -> ByteSlice.of(CHAIN.header(n).encoding()))
                                    .toList()));

            assertFailsWith(asked, InvalidResponseException.class);
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
            assertLogged("header 1 is block 7 after block 5");
        }
    }

    @Test
    void aPeerThatNeverAnswers() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 69)) {
            EthPeer ours = server.readyPeer(peer.host.nodeKey().nodeIdHex());
            CompletableFuture<List<BlockHeader>> first = ours.headers(1, 1, 0, false);
            CompletableFuture<?> second = ours.bodies(List.of(CHAIN.hash(1)));
            CompletableFuture<?> third = ours.headers(2, 1, 0, false);

            assertFailsWith(third, TooManyRequestsException.class);
            assertFailsWith(first, RequestTimeoutException.class);
            assertFailsWith(second, RequestTimeoutException.class);
            assertThat(peer.awaitDisconnect()).isEqualTo(DisconnectReason.TIMEOUT);
            assertLogged("2 requests in a row timed out");
            assertFailsWith(ours.headers(3, 1, 0, false), PeerDisconnectedException.class);
        }
    }

    @Test
    void anAnswerAfterTheTimeoutIsDroppedQuietly() throws Exception {
        try (RawEthPeer peer = RawEthPeer.handshake(server, CHAIN, 70)) {
            EthPeer ours = server.readyPeer(peer.host.nodeKey().nodeIdHex());
            CompletableFuture<List<BlockHeader>> late = ours.headers(4, 1, 0, false);
            EthMessage.GetBlockHeaders request = peer.expect(EthMessage.GetBlockHeaders.class);
            assertFailsWith(late, RequestTimeoutException.class);

            peer.send(
                    new EthMessage.BlockHeaders(
                            request.requestId(),
                            List.of(ByteSlice.of(CHAIN.header(4).encoding()))));

            // the session survives: the next request is answered and delivered
            CompletableFuture<List<BlockHeader>> next = ours.headers(9, 1, 0, false);
            EthMessage.GetBlockHeaders second = peer.expect(EthMessage.GetBlockHeaders.class);
            peer.send(
                    new EthMessage.BlockHeaders(
                            second.requestId(), List.of(ByteSlice.of(CHAIN.header(9).encoding()))));
            assertThat(next.get(20, TimeUnit.SECONDS)).containsExactly(CHAIN.header(9));
            assertThat(peer.session.closed()).isNotDone();
        }
    }

    private void assertLogged(String... fragments) {
        assertThat(log.hasLine(fragments))
                .as("a log line with %s in %s", List.of(fragments), log.lines())
                .isTrue();
    }

    private static void assertFailsWith(
            CompletableFuture<?> future, Class<? extends Throwable> type) {
        assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(type);
    }
}
