package io.annals.p2p.eth.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.chain.ForkId;
import io.annals.core.rlp.Rlp;
import io.annals.core.rlp.RlpException;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.util.ByteSlice;
import io.annals.core.util.Hex;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.BlockOrigin;
import io.annals.p2p.eth.HeaderQuery;
import io.annals.p2p.eth.RawReceiptList;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The eth message layouts: go-ethereum's encodings where it publishes them ({@link GethVectors}),
 * and for the rest the field order of the specs, built here item by item with the generic RLP
 * functions (caps/eth.md; EIP-7642 for eth/69 Status and BlockRangeUpdate; EIP-7975 for eth/70
 * GetReceipts and Receipts). Then the bounds of the decoders.
 */
class EthCodecTest {
    private static final Hash DEADCODE =
            Hash.fromHex("0x00000000000000000000000000000000000000000000000000000000deadc0de");
    private static final Hash FEEDBEEF =
            Hash.fromHex("0x00000000000000000000000000000000000000000000000000000000feedbeef");
    private static final ForkId FORK_ID = new ForkId(0x9f3d2254, 1_746_612_311L);

    private final EthEncoder eth68 = new EthEncoder(68);
    private final EthEncoder eth69 = new EthEncoder(69);
    private final EthEncoder eth70 = new EthEncoder(70);
    private final EthDecoder decode68 = new EthDecoder(68, 1024, 1024);
    private final EthDecoder decode69 = new EthDecoder(69, 1024, 1024);
    private final EthDecoder decode70 = new EthDecoder(70, 1024, 1024);

    @Test
    void emptyMessagesAsGoEthereumEncodesThem() {
        byte[] empty = Hex.decode(GethVectors.EMPTY);
        assertThat(eth69.encode(new EthMessage.GetBlockBodies(1111, List.of()))).isEqualTo(empty);
        assertThat(eth69.encode(new EthMessage.BlockBodies(1111, List.of()))).isEqualTo(empty);
        assertThat(eth69.encode(new EthMessage.BlockHeaders(1111, List.of()))).isEqualTo(empty);
        assertThat(eth69.encode(new EthMessage.GetReceipts(1111, 0, List.of()))).isEqualTo(empty);
        assertThat(eth69.encode(new EthMessage.Receipts(1111, false, List.of()))).isEqualTo(empty);
        assertThat(eth69.encode(new EthMessage.GetPooledTransactions(1111))).isEqualTo(empty);
        assertThat(eth69.encode(new EthMessage.PooledTransactions(1111))).isEqualTo(empty);
        assertThat(decode69.decode(EthMessageCodes.BLOCK_BODIES, empty))
                .isEqualTo(new EthMessage.BlockBodies(1111, List.of()));
        assertThat(decode68.decode(EthMessageCodes.RECEIPTS, empty))
                .isEqualTo(new EthMessage.Receipts(1111, false, List.of()));
    }

    @Test
    void getBlockHeadersByHashAndByNumber() {
        EthMessage byHash =
                new EthMessage.GetBlockHeaders(
                        1111, new HeaderQuery(BlockOrigin.hash(DEADCODE), 5, 5, false));
        EthMessage byNumber =
                new EthMessage.GetBlockHeaders(1111, HeaderQuery.byNumber(9999, 5, 5, false));

        assertThat(Hex.encode(eth68.encode(byHash))).isEqualTo(GethVectors.GET_HEADERS_BY_HASH);
        assertThat(Hex.encode(eth68.encode(byNumber))).isEqualTo(GethVectors.GET_HEADERS_BY_NUMBER);
        assertThat(
                        decode70.decode(
                                EthMessageCodes.GET_BLOCK_HEADERS,
                                Hex.decode(GethVectors.GET_HEADERS_BY_HASH)))
                .isEqualTo(byHash);
        assertThat(
                        decode70.decode(
                                EthMessageCodes.GET_BLOCK_HEADERS,
                                Hex.decode(GethVectors.GET_HEADERS_BY_NUMBER)))
                .isEqualTo(byNumber);
    }

    @Test
    void blockHeadersKeepTheHeaderBytes() {
        byte[] payload = Hex.decode(GethVectors.BLOCK_HEADERS);
        EthMessage.BlockHeaders message =
                (EthMessage.BlockHeaders) decode68.decode(EthMessageCodes.BLOCK_HEADERS, payload);

        assertThat(message.requestId()).isEqualTo(1111);
        BlockHeader header = BlockHeader.decode(message.headers().get(0));
        assertThat(header.number()).isEqualTo(3333);
        assertThat(header.difficulty()).isEqualTo(BigInteger.valueOf(2222));
        assertThat(header.gasLimit()).isEqualTo(4444);
        assertThat(header.gasUsed()).isEqualTo(5555);
        assertThat(header.timestamp()).isEqualTo(6666);
        assertThat(header.extraData()).containsExactly(0x77, 0x88);
        assertThat(eth68.encode(message)).isEqualTo(payload);
    }

    @Test
    void getBlockBodiesAndGetReceiptsBeforeEth70() {
        byte[] payload = Hex.decode(GethVectors.GET_BODIES);
        assertThat(eth68.encode(new EthMessage.GetBlockBodies(1111, List.of(DEADCODE, FEEDBEEF))))
                .isEqualTo(payload);
        // eth/69's GetReceipts has the same layout (go-ethereum's vector for it is the same bytes)
        assertThat(eth69.encode(new EthMessage.GetReceipts(1111, 0, List.of(DEADCODE, FEEDBEEF))))
                .isEqualTo(payload);
        assertThat(decode69.decode(EthMessageCodes.GET_RECEIPTS, payload))
                .isEqualTo(new EthMessage.GetReceipts(1111, 0, List.of(DEADCODE, FEEDBEEF)));
    }

    @Test
    void blockBodiesDecodeAndReencode() {
        byte[] payload = Hex.decode(GethVectors.BLOCK_BODIES);
        EthMessage.BlockBodies message =
                (EthMessage.BlockBodies) decode69.decode(EthMessageCodes.BLOCK_BODIES, payload);

        BlockBody body = BlockBody.decode(message.bodies().get(0).toArray());
        assertThat(body.transactions()).hasSize(2);
        assertThat(body.ommers()).hasSize(1);
        assertThat(body.ommers().get(0).number()).isEqualTo(3333);
        assertThat(eth69.encode(message)).isEqualTo(payload);
    }

    @Test
    void eth69ReceiptsWithoutBloom() {
        byte[] payload = Hex.decode(GethVectors.RECEIPTS_69);
        EthMessage.Receipts message =
                (EthMessage.Receipts) decode69.decode(EthMessageCodes.RECEIPTS, payload);

        List<Receipt> receipts =
                new RawReceiptList(RawReceiptList.Form.ETH69, message.blockReceipts().get(0))
                        .decode();
        assertThat(receipts).hasSize(2);
        assertThat(receipts.get(0).success()).isFalse();
        assertThat(receipts.get(0).cumulativeGasUsed()).isEqualTo(333);
        assertThat(receipts.get(1).success()).isTrue();
        assertThat(receipts.get(1).cumulativeGasUsed()).isEqualTo(444);
        assertThat(eth69.encode(message)).isEqualTo(payload);
    }

    @Test
    void eth68StatusFieldOrder() {
        Hash head = Hash.fromHex("0x" + "11".repeat(32));
        Hash genesis = Hash.fromHex("0x" + "22".repeat(32));
        byte[] expected =
                Rlp.encodeList(
                        Rlp.encodeLong(68),
                        Rlp.encodeLong(1),
                        Rlp.encodeBigInteger(BigInteger.TEN.pow(22)),
                        Rlp.encodeBytes(head.toArray()),
                        Rlp.encodeBytes(genesis.toArray()),
                        FORK_ID.toRlp());
        EthMessage.StatusEth68 status =
                new EthMessage.StatusEth68(68, 1, BigInteger.TEN.pow(22), head, genesis, FORK_ID);

        assertThat(eth68.encode(status)).isEqualTo(expected);
        assertThat(decode68.decode(EthMessageCodes.STATUS, expected)).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(ints = {69, 70})
    void eth69StatusPutsTheRangeLast(int version) {
        Hash genesis = Hash.fromHex("0x" + "22".repeat(32));
        Hash latest = Hash.fromHex("0x" + "33".repeat(32));
        byte[] expected =
                Rlp.encodeList(
                        Rlp.encodeLong(version),
                        Rlp.encodeLong(11_155_111),
                        Rlp.encodeBytes(genesis.toArray()),
                        FORK_ID.toRlp(),
                        Rlp.encodeLong(1_450_409),
                        Rlp.encodeLong(9_000_000),
                        Rlp.encodeBytes(latest.toArray()));
        EthMessage.StatusEth69 status =
                new EthMessage.StatusEth69(
                        version,
                        11_155_111,
                        genesis,
                        FORK_ID,
                        new AnnouncedRange(1_450_409, 9_000_000, latest));

        assertThat(new EthEncoder(version).encode(status)).isEqualTo(expected);
        assertThat(new EthDecoder(version, 16, 16).decode(EthMessageCodes.STATUS, expected))
                .isEqualTo(status);
        assertThat(status.headHash()).isEqualTo(latest);
    }

    @Test
    void aStatusWithFieldsOfALaterVersionIsRead() {
        Hash genesis = Hash.fromHex("0x" + "22".repeat(32));
        byte[] extended =
                Rlp.encodeList(
                        Rlp.encodeLong(69),
                        Rlp.encodeLong(1),
                        Rlp.encodeBytes(genesis.toArray()),
                        FORK_ID.toRlp(),
                        Rlp.encodeLong(0),
                        Rlp.encodeLong(5),
                        Rlp.encodeBytes(genesis.toArray()),
                        Rlp.encodeLong(42));
        EthMessage.StatusEth69 status =
                (EthMessage.StatusEth69) decode69.decode(EthMessageCodes.STATUS, extended);
        assertThat(status.range()).isEqualTo(new AnnouncedRange(0, 5, genesis));
    }

    @Test
    void blockRangeUpdate() {
        byte[] expected =
                Rlp.encodeList(
                        Rlp.encodeLong(7),
                        Rlp.encodeLong(300),
                        Rlp.encodeBytes(DEADCODE.toArray()));
        EthMessage.BlockRangeUpdate update =
                new EthMessage.BlockRangeUpdate(new AnnouncedRange(7, 300, DEADCODE));

        assertThat(eth69.encode(update)).isEqualTo(expected);
        assertThat(decode70.decode(EthMessageCodes.BLOCK_RANGE_UPDATE, expected)).isEqualTo(update);
        assertThatThrownBy(() -> eth68.encode(update)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eth70ReceiptsCarryTheirPartialFields() {
        byte[] request =
                Rlp.encodeList(
                        Rlp.encodeLong(1111),
                        Rlp.encodeLong(12),
                        Rlp.encodeList(
                                Rlp.encodeBytes(DEADCODE.toArray()),
                                Rlp.encodeBytes(FEEDBEEF.toArray())));
        byte[] list =
                Rlp.encodeList(
                        Rlp.encodeList(
                                Rlp.encodeLong(2),
                                Rlp.encodeLong(1),
                                Rlp.encodeLong(21_000),
                                Rlp.EMPTY_LIST));
        byte[] response =
                Rlp.encodeList(Rlp.encodeLong(1111), Rlp.encodeLong(1), Rlp.encodeList(list));
        EthMessage.GetReceipts getReceipts =
                new EthMessage.GetReceipts(1111, 12, List.of(DEADCODE, FEEDBEEF));
        EthMessage.Receipts receipts =
                new EthMessage.Receipts(1111, true, List.of(ByteSlice.of(list)));

        assertThat(eth70.encode(getReceipts)).isEqualTo(request);
        assertThat(eth70.encode(receipts)).isEqualTo(response);
        assertThat(decode70.decode(EthMessageCodes.GET_RECEIPTS, request)).isEqualTo(getReceipts);
        assertThat(decode70.decode(EthMessageCodes.RECEIPTS, response)).isEqualTo(receipts);
        // before eth/70 neither field exists
        assertThatThrownBy(() -> eth69.encode(getReceipts))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> eth69.encode(receipts))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newBlockHashes() {
        byte[] expected =
                Rlp.encodeList(
                        Rlp.encodeList(Rlp.encodeBytes(DEADCODE.toArray()), Rlp.encodeLong(5)));
        EthMessage.NewBlockHashes message =
                new EthMessage.NewBlockHashes(List.of(new BlockHashAnnouncement(DEADCODE, 5)));
        assertThat(eth68.encode(message)).isEqualTo(expected);
        assertThat(decode68.decode(EthMessageCodes.NEW_BLOCK_HASHES, expected)).isEqualTo(message);
    }

    @Test
    void aResponseWithMoreItemsThanAnyRequestIsRefused() {
        EthDecoder bounded = new EthDecoder(69, 3, 3);
        byte[] fourHeaders =
                Rlp.encodeList(
                        Rlp.encodeLong(1),
                        Rlp.encodeList(
                                Rlp.EMPTY_LIST, Rlp.EMPTY_LIST, Rlp.EMPTY_LIST, Rlp.EMPTY_LIST));
        assertThatThrownBy(() -> bounded.decode(EthMessageCodes.BLOCK_HEADERS, fourHeaders))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("more than 3 headers");
    }

    @Test
    void onlyTheServedPrefixOfARequestIsRead() {
        EthDecoder bounded = new EthDecoder(69, 3, 2);
        byte[] payload =
                eth69.encode(new EthMessage.GetBlockBodies(9, Collections.nCopies(1000, DEADCODE)));
        assertThat(
                        ((EthMessage.GetBlockBodies)
                                        bounded.decode(EthMessageCodes.GET_BLOCK_BODIES, payload))
                                .hashes())
                .hasSize(2);
    }

    @Test
    void malformedMessagesAreRefused() {
        byte[] reverseTwo =
                Rlp.encodeList(
                        Rlp.encodeLong(1),
                        Rlp.encodeList(
                                Rlp.encodeLong(5),
                                Rlp.encodeLong(1),
                                Rlp.encodeLong(0),
                                Rlp.encodeLong(2)));
        byte[] longOrigin =
                Rlp.encodeList(
                        Rlp.encodeLong(1),
                        Rlp.encodeList(
                                Rlp.encodeBytes(new byte[33]),
                                Rlp.encodeLong(1),
                                Rlp.encodeLong(0),
                                Rlp.encodeLong(0)));
        byte[] bodyNotAList =
                Rlp.encodeList(
                        Rlp.encodeLong(1), Rlp.encodeList(Rlp.encodeBytes(new byte[] {1, 2})));
        byte[] incompleteTwo = Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeLong(2), Rlp.EMPTY_LIST);

        assertThatThrownBy(() -> decode69.decode(EthMessageCodes.GET_BLOCK_HEADERS, reverseTwo))
                .isInstanceOf(RlpException.class);
        assertThatThrownBy(() -> decode69.decode(EthMessageCodes.GET_BLOCK_HEADERS, longOrigin))
                .isInstanceOf(RlpException.class);
        assertThatThrownBy(() -> decode69.decode(EthMessageCodes.BLOCK_BODIES, bodyNotAList))
                .isInstanceOf(RlpException.class);
        assertThatThrownBy(() -> decode70.decode(EthMessageCodes.RECEIPTS, incompleteTwo))
                .isInstanceOf(RlpException.class);
        assertThatThrownBy(() -> decode69.decode(EthMessageCodes.STATUS, new byte[] {(byte) 0xc1}))
                .isInstanceOf(RlpException.class);
    }

    @Test
    void gossipIsNotDecoded() {
        byte[] garbage = {(byte) 0xff, 0x00};
        assertThat(decode68.decode(EthMessageCodes.TRANSACTIONS, garbage))
                .isEqualTo(new EthMessage.Ignored(EthMessageCodes.TRANSACTIONS));
        assertThat(decode68.decode(EthMessageCodes.NEW_BLOCK, garbage))
                .isEqualTo(new EthMessage.Ignored(EthMessageCodes.NEW_BLOCK));
        assertThat(decode69.decode(EthMessageCodes.NEW_POOLED_TRANSACTION_HASHES, garbage))
                .isEqualTo(new EthMessage.Ignored(EthMessageCodes.NEW_POOLED_TRANSACTION_HASHES));
        assertThat(decode69.decode(0x0c, garbage)).isEqualTo(new EthMessage.Ignored(0x0c));
        assertThat(EthMessageCodes.name(0x0c)).isEqualTo("0x0c");
        assertThat(EthMessageCodes.name(EthMessageCodes.BLOCK_RANGE_UPDATE))
                .isEqualTo("BlockRangeUpdate");
    }
}
