package io.annals.p2p.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class P2pCodecTest {
    private static final byte[] NODE_ID =
            Hex.decode(
                    "fda1cff674c90c9a197539fe3dfb53086ace64f83ed7c6eabec741f7f381cc803e52ab2cd55d5569bce4347107a310dfd5f88a010cd2ffd1005ca406f1842877");

    /**
     * EIP-8, "Test Vectors / devp2p Base Protocol": a Hello with a higher version and additional
     * list elements, which must be accepted (https://eips.ethereum.org/EIPS/eip-8).
     */
    @Test
    void helloWithAdditionalElementsFromEip8IsAccepted() {
        byte[] vector =
                Hex.decode(
                        "f87137916b6e6574682f76302e39312f706c616e39cdc5836574683dc6846d6f726b1682270fb840"
                                + "fda1cff674c90c9a197539fe3dfb53086ace64f83ed7c6eabec741f7f381cc803e52ab2cd55d5569"
                                + "bce4347107a310dfd5f88a010cd2ffd1005ca406f1842877c883666f6f836261720304");

        P2pMessage.Hello hello = (P2pMessage.Hello) P2pCodec.decode(P2pMessage.HELLO, vector);

        assertThat(hello.protocolVersion()).isEqualTo(0x37);
        assertThat(hello.clientId()).isEqualTo("kneth/v0.91/plan9");
        assertThat(hello.capabilities())
                .containsExactly(new Capability("eth", 61), new Capability("mork", 22));
        assertThat(hello.listenPort()).isEqualTo(9999);
        assertThat(hello.nodeId()).isEqualTo(NODE_ID);
    }

    @Test
    void helloRoundTrips() {
        P2pMessage.Hello hello =
                new P2pMessage.Hello(
                        5,
                        "Annals/test",
                        List.of(new Capability("eth", 68), new Capability("eth", 69)),
                        30303,
                        NODE_ID);

        assertThat(P2pCodec.decode(P2pMessage.HELLO, P2pCodec.encode(hello))).isEqualTo(hello);
    }

    @Test
    void malformedHelloIsABreachOfProtocol() {
        assertThatThrownBy(() -> P2pCodec.decode(P2pMessage.HELLO, Hex.decode("c3010203")))
                .isInstanceOf(MessageException.class)
                .satisfies(
                        e ->
                                assertThat(((MessageException) e).reason())
                                        .isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL));
        assertThatThrownBy(() -> P2pCodec.decode(P2pMessage.HELLO, Hex.decode("ff")))
                .isInstanceOf(MessageException.class);
    }

    @Test
    void helloWithTooManyCapabilitiesIsRefused() {
        List<Capability> many = new ArrayList<>();
        for (int i = 0; i <= P2pCodec.MAX_CAPABILITIES; i++) {
            many.add(new Capability("c" + i, 1));
        }
        byte[] encoded = P2pCodec.encode(new P2pMessage.Hello(5, "x", many, 0, NODE_ID));

        assertThatThrownBy(() -> P2pCodec.decode(P2pMessage.HELLO, encoded))
                .isInstanceOf(MessageException.class)
                .hasMessageContaining("capabilities");
    }

    @Test
    void helloWithAnOverlongClientIdIsRefused() {
        byte[] encoded =
                P2pCodec.encode(
                        new P2pMessage.Hello(
                                5,
                                "x".repeat(P2pCodec.MAX_CLIENT_ID_BYTES + 1),
                                List.of(),
                                0,
                                NODE_ID));

        assertThatThrownBy(() -> P2pCodec.decode(P2pMessage.HELLO, encoded))
                .isInstanceOf(MessageException.class)
                .hasMessageContaining("client id");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "c104, TOO_MANY_PEERS", // the spec's [reason]
        "04, TOO_MANY_PEERS", // bare reason byte (ethereumjs)
        "c180, DISCONNECT_REQUESTED", // [0]
        "80, DISCONNECT_REQUESTED", // bare 0
        "c0, DISCONNECT_REQUESTED", // [] : the reason is optional
        "'', DISCONNECT_REQUESTED", // nothing at all
        "c110, SUBPROTOCOL_REASON",
        "c120, UNKNOWN", // a code outside the table
        "c3820102, UNKNOWN", // not an integer the table knows
        "ff, UNKNOWN" // not RLP
    })
    void disconnectReasonIsReadInEveryFormPeersUse(String hex, DisconnectReason expected) {
        P2pMessage message = P2pCodec.decode(P2pMessage.DISCONNECT, Hex.decode(hex));

        assertThat(message).isEqualTo(new P2pMessage.Disconnect(expected));
    }

    @Test
    void disconnectIsSentAsAList() {
        assertThat(P2pCodec.encode(new P2pMessage.Disconnect(DisconnectReason.TIMEOUT)))
                .containsExactly(0xc1, 0x0b);
        assertThat(
                        P2pCodec.encode(
                                new P2pMessage.Disconnect(DisconnectReason.DISCONNECT_REQUESTED)))
                .containsExactly(0xc1, 0x80);
    }

    @Test
    void pingAndPongAreEmptyLists() {
        assertThat(P2pCodec.encode(new P2pMessage.Ping())).containsExactly(0xc0);
        assertThat(P2pCodec.decode(P2pMessage.PONG, new byte[] {(byte) 0xc0}))
                .isEqualTo(new P2pMessage.Pong());
    }

    @Test
    void everyReasonCodeMapsBack() {
        for (DisconnectReason reason : DisconnectReason.values()) {
            if (reason != DisconnectReason.UNKNOWN) {
                assertThat(DisconnectReason.of(reason.code())).isSameAs(reason);
            }
        }
        assertThat(DisconnectReason.BREACH_OF_PROTOCOL.code()).isEqualTo(2);
        assertThat(DisconnectReason.TIMEOUT.code()).isEqualTo(0x0b);
        assertThat(DisconnectReason.SUBPROTOCOL_REASON.code()).isEqualTo(0x10);
    }

    @Test
    void unknownBaseMessageIdIsABreach() {
        assertThatThrownBy(() -> P2pCodec.decode(7, new RlpWriter().writeEmptyList().toByteArray()))
                .isInstanceOf(MessageException.class);
    }
}
