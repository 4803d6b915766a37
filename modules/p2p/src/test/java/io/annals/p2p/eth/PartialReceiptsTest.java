package io.annals.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.types.ReceiptCodec;
import io.annals.core.types.Receipts;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.message.EthMessage;
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
 * Our client receiving eth/70 partial receipt lists (EIP-7975) from a hand-driven server: the parts
 * are joined transparently, a block whose remainder is no longer served is left out, and parts that
 * break the EIP's bounds (more receipts or log bytes than the block's gas allows, no progress) end
 * the session.
 */
class PartialReceiptsTest {
    /** Block 10 has 30 transactions; the others up to 4. */
    private static final TestChain CHAIN = TestChain.generate(31, 20, 4, 10, 30);

    private static EthNode node;
    private RawEthPeer server;
    private EthPeer peer;
    private LogCapture log;

    @BeforeAll
    static void start() throws Exception {
        node = EthNode.start(CHAIN.spec(), CHAIN.reader(), "");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void connect() throws Exception {
        server = RawEthPeer.handshake(node, CHAIN, 70);
        peer = node.readyPeer(server.host.nodeKey().nodeIdHex());
        log = new LogCapture(EthLink.class);
    }

    @AfterEach
    void disconnect() {
        log.close();
        server.close();
    }

    @Test
    void partsAreJoinedAcrossMessages() throws Exception {
        List<Receipt> big = CHAIN.block(10).receipts();
        CompletableFuture<List<List<Receipt>>> asked =
                peer.receiptsOf(List.of(CHAIN.header(9), CHAIN.header(10), CHAIN.header(11)));

        EthMessage.GetReceipts first = server.expect(EthMessage.GetReceipts.class);
        assertThat(first.firstBlockReceiptIndex()).isZero();
        assertThat(first.hashes()).containsExactly(CHAIN.hash(9), CHAIN.hash(10), CHAIN.hash(11));
        server.send(
                new EthMessage.Receipts(
                        first.requestId(),
                        true,
                        List.of(list(CHAIN.block(9).receipts()), list(big.subList(0, 12)))));

        EthMessage.GetReceipts second = server.expect(EthMessage.GetReceipts.class);
        assertThat(second.firstBlockReceiptIndex()).isEqualTo(12);
        assertThat(second.hashes()).containsExactly(CHAIN.hash(10), CHAIN.hash(11));
        server.send(
                new EthMessage.Receipts(
                        second.requestId(), true, List.of(list(big.subList(12, 20)))));

        EthMessage.GetReceipts third = server.expect(EthMessage.GetReceipts.class);
        assertThat(third.firstBlockReceiptIndex()).isEqualTo(20);
        server.send(
                new EthMessage.Receipts(
                        third.requestId(),
                        false,
                        List.of(
                                list(big.subList(20, big.size())),
                                list(CHAIN.block(11).receipts()))));

        List<List<Receipt>> receipts = asked.get(20, TimeUnit.SECONDS);
        assertThat(receipts).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(Receipts.mismatchWith(CHAIN.header(9 + i), receipts.get(i))).isEmpty();
        }
    }

    @Test
    void aBlockWhoseRestIsNoLongerServedIsLeftOut() throws Exception {
        List<Receipt> big = CHAIN.block(10).receipts();
        CompletableFuture<List<List<Receipt>>> asked =
                peer.receipts(List.of(CHAIN.hash(9), CHAIN.hash(10)));
        EthMessage.GetReceipts first = server.expect(EthMessage.GetReceipts.class);
        server.send(
                new EthMessage.Receipts(
                        first.requestId(),
                        true,
                        List.of(list(CHAIN.block(9).receipts()), list(big.subList(0, 5)))));
        EthMessage.GetReceipts second = server.expect(EthMessage.GetReceipts.class);

        server.send(new EthMessage.Receipts(second.requestId(), false, List.of()));

        assertThat(asked.get(20, TimeUnit.SECONDS)).containsExactly(CHAIN.block(9).receipts());
        assertThat(server.session.closed()).isNotDone();
    }

    @Test
    void morePartialReceiptsThanTheBlocksGasAllows() throws Exception {
        // block 10 used at most 30 * 221,000 gas: at most 315 receipts of 21,000 gas
        List<Receipt> tooMany =
                IntStream.range(0, 400)
                        .mapToObj(i -> Receipt.withStatus(0, true, i, List.of()))
                        .toList();
        CompletableFuture<List<List<Receipt>>> asked = peer.receiptsOf(List.of(CHAIN.header(10)));
        EthMessage.GetReceipts request = server.expect(EthMessage.GetReceipts.class);

        server.send(new EthMessage.Receipts(request.requestId(), true, List.of(list(tooMany))));

        assertFailsWith(asked, InvalidResponseException.class);
        assertThat(server.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
        assertThat(log.hasLine("more receipts than the block's gas allows"))
                .as(log.lines().toString())
                .isTrue();
    }

    @Test
    void morePartialLogBytesThanTheBlocksGasPaysFor() throws Exception {
        long gasUsed = CHAIN.header(10).gasUsed();
        byte[] data = new byte[(int) (gasUsed / 8) + 1];
        Receipt huge =
                Receipt.withStatus(
                        2,
                        true,
                        21_000,
                        List.of(Log.of(CHAIN.header(1).beneficiary(), List.of(), data)));
        CompletableFuture<List<List<Receipt>>> asked = peer.receiptsOf(List.of(CHAIN.header(10)));
        EthMessage.GetReceipts request = server.expect(EthMessage.GetReceipts.class);

        server.send(
                new EthMessage.Receipts(request.requestId(), true, List.of(list(List.of(huge)))));

        assertFailsWith(asked, InvalidResponseException.class);
        assertThat(server.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
        assertThat(log.hasLine("bytes of logs, more than the block's gas pays for"))
                .as(log.lines().toString())
                .isTrue();
    }

    @Test
    void anEmptyResponseMarkedIncomplete() throws Exception {
        CompletableFuture<List<List<Receipt>>> asked = peer.receipts(List.of(CHAIN.hash(10)));
        EthMessage.GetReceipts request = server.expect(EthMessage.GetReceipts.class);

        server.send(new EthMessage.Receipts(request.requestId(), true, List.of()));

        assertFailsWith(asked, InvalidResponseException.class);
        assertThat(server.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
        assertThat(log.hasLine("an empty Receipts marked lastBlockIncomplete")).isTrue();
    }

    @Test
    void aPartThatBringsNoReceipt() throws Exception {
        List<Receipt> big = CHAIN.block(10).receipts();
        CompletableFuture<List<List<Receipt>>> asked = peer.receipts(List.of(CHAIN.hash(10)));
        EthMessage.GetReceipts first = server.expect(EthMessage.GetReceipts.class);
        server.send(
                new EthMessage.Receipts(first.requestId(), true, List.of(list(big.subList(0, 3)))));
        EthMessage.GetReceipts second = server.expect(EthMessage.GetReceipts.class);

        server.send(new EthMessage.Receipts(second.requestId(), true, List.of(list(List.of()))));

        assertFailsWith(asked, InvalidResponseException.class);
        assertThat(server.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
        assertThat(log.hasLine("with no receipt in it")).isTrue();
    }

    private static ByteSlice list(List<Receipt> receipts) {
        RlpWriter w = new RlpWriter();
        int mark = w.startList();
        for (Receipt receipt : receipts) {
            ReceiptCodec.writeEth69(w, receipt);
        }
        w.endList(mark);
        return ByteSlice.of(w.toByteArray());
    }

    private static void assertFailsWith(
            CompletableFuture<?> future, Class<? extends Throwable> type) {
        assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(type);
    }
}
