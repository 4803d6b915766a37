package io.annals.p2p.discv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.crypto.Secp256k1;
import io.annals.core.util.Hex;
import io.annals.p2p.enr.Enr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The discovery packets of EIP-8 ("Test Vectors", devp2p discovery), and round trips. */
class PacketCodecTest {
    static final byte[] KEY =
            Hex.decode("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");
    static final long EXPIRATION = 1136239445L; // 0x43b9a355, as in every vector

    static final String PING_V4 =
            "e9614ccfd9fc3e74360018522d30e1419a143407ffcce748de3e22116b7e8dc92ff74788c0b6663a"
                    + "aa3d67d641936511c8f8d6ad8698b820a7cf9e1be7155e9a241f556658c55428ec0563514365799a"
                    + "4be2be5a685a80971ddcfa80cb422cdd0101ec04cb847f000001820cfa8215a8d790000000000000"
                    + "000000000000000000018208ae820d058443b9a3550102";
    static final String PING_V555 =
            "577be4349c4dd26768081f58de4c6f375a7a22f3f7adda654d1428637412c3d7fe917cadc56d4e5e"
                    + "7ffae1dbe3efffb9849feb71b262de37977e7c7a44e677295680e9e38ab26bee2fcbae207fba3ff3"
                    + "d74069a50b902a82c9903ed37cc993c50001f83e82022bd79020010db83c4d001500000000abcdef"
                    + "12820cfa8215a8d79020010db885a308d313198a2e037073488208ae82823a8443b9a355c5010203"
                    + "040531b9019afde696e582a78fa8d95ea13ce3297d4afb8ba6433e4154caa5ac6431af1b80ba7602"
                    + "3fa4090c408f6b4bc3701562c031041d4702971d102c9ab7fa5eed4cd6bab8f7af956f7d565ee191"
                    + "7084a95398b6a21eac920fe3dd1345ec0a7ef39367ee69ddf092cbfe5b93e5e568ebc491983c09c7"
                    + "6d922dc3";
    static final String PONG =
            "09b2428d83348d27cdf7064ad9024f526cebc19e4958f0fdad87c15eb598dd61d08423e0bf66b206"
                    + "9869e1724125f820d851c136684082774f870e614d95a2855d000f05d1648b2d5945470bc187c2d2"
                    + "216fbe870f43ed0909009882e176a46b0102f846d79020010db885a308d313198a2e037073488208"
                    + "ae82823aa0fbc914b16819237dcd8801d7e53f69e9719adecb3cc0e790c57e91ca4461c9548443b9"
                    + "a355c6010203c2040506a0c969a58f6f9095004c0177a6b47f451530cab38966a25cca5cb58f0555"
                    + "42124e";
    static final String FIND_NODE =
            "c7c44041b9f7c7e41934417ebac9a8e1a4c6298f74553f2fcfdcae6ed6fe53163eb3d2b52e39fe91"
                    + "831b8a927bf4fc222c3902202027e5e9eb812195f95d20061ef5cd31d502e47ecb61183f74a504fe"
                    + "04c51e73df81f25c4d506b26db4517490103f84eb840ca634cae0d49acb401d8a4c6b6fe8c55b70d"
                    + "115bf400769cc1400f3258cd31387574077f301b421bc84df7266c44e9e6d569fc56be0081290476"
                    + "7bf5ccd1fc7f8443b9a35582999983999999280dc62cc8255c73471e0a61da0c89acdc0e035e260a"
                    + "dd7fc0c04ad9ebf3919644c91cb247affc82b69bd2ca235c71eab8e49737c937a2c396";
    static final String NEIGHBORS =
            "c679fc8fe0b8b12f06577f2e802d34f6fa257e6137a995f6f4cbfc9ee50ed3710faf6e66f932c4c8"
                    + "d81d64343f429651328758b47d3dbc02c4042f0fff6946a50f4a49037a72bb550f3a7872363a83e1"
                    + "b9ee6469856c24eb4ef80b7535bcf99c0004f9015bf90150f84d846321163782115c82115db84031"
                    + "55e1427f85f10a5c9a7755877748041af1bcd8d474ec065eb33df57a97babf54bfd2103575fa8291"
                    + "15d224c523596b401065a97f74010610fce76382c0bf32f84984010203040101b840312c55512422"
                    + "cf9b8a4097e9a6ad79402e87a15ae909a4bfefa22398f03d20951933beea1e4dfa6f968212385e82"
                    + "9f04c2d314fc2d4e255e0d3bc08792b069dbf8599020010db83c4d001500000000abcdef12820d05"
                    + "820d05b84038643200b172dcfef857492156971f0e6aa2c538d8b74010f8e140811d53b98c765dd2"
                    + "d96126051913f44582e8c199ad7c6d6819e9a56483f637feaac9448aacf8599020010db885a308d3"
                    + "13198a2e037073488203e78203e8b8408dcab8618c3253b558d459da53bd8fa68935a719aff8b811"
                    + "197101a4b2b47dd2d47295286fc00cc081bb542d760717d1bdd6bec2c37cd72eca367d6dd3b9df73"
                    + "8443b9a355010203b525a138aa34383fec3d2719a0";

    static final byte[] SIGNER = Secp256k1.publicKeyOf(KEY);

    @Test
    void pingVersion4WithAdditionalElements() throws Exception {
        PacketCodec.Decoded d = PacketCodec.decode(Hex.decode(PING_V4));

        assertThat(d.senderPublicKey()).isEqualTo(SIGNER);
        Packet.Ping ping = (Packet.Ping) d.packet();
        assertThat(ping.version()).isEqualTo(4);
        assertThat(ping.from())
                .isEqualTo(new Endpoint(InetAddress.getByName("127.0.0.1"), 3322, 5544));
        assertThat(ping.to()).isEqualTo(new Endpoint(InetAddress.getByName("::1"), 2222, 3333));
        assertThat(ping.expiration()).isEqualTo(EXPIRATION);
        // the first additional element is where EIP-868 later put enr-seq
        assertThat(ping.enrSeq()).hasValue(1);
        assertThat(d.hash()).isEqualTo(Hex.decode(PING_V4.substring(0, 64)));
    }

    @Test
    void pingVersion555WithAdditionalDataAfterTheList() throws Exception {
        Packet.Ping ping = (Packet.Ping) PacketCodec.decode(Hex.decode(PING_V555)).packet();

        assertThat(ping.version()).isEqualTo(555);
        assertThat(ping.from())
                .isEqualTo(
                        new Endpoint(
                                InetAddress.getByName("2001:db8:3c4d:15::abcd:ef12"), 3322, 5544));
        assertThat(ping.to())
                .isEqualTo(
                        new Endpoint(
                                InetAddress.getByName("2001:db8:85a3:8d3:1319:8a2e:370:7348"),
                                2222,
                                33338));
        assertThat(ping.expiration()).isEqualTo(EXPIRATION);
        assertThat(ping.enrSeq()).isEmpty(); // a list stands there
    }

    @Test
    void pongWithAdditionalElements() throws Exception {
        PacketCodec.Decoded d = PacketCodec.decode(Hex.decode(PONG));
        Packet.Pong pong = (Packet.Pong) d.packet();

        assertThat(d.senderPublicKey()).isEqualTo(SIGNER);
        assertThat(pong.to())
                .isEqualTo(
                        new Endpoint(
                                InetAddress.getByName("2001:db8:85a3:8d3:1319:8a2e:370:7348"),
                                2222,
                                33338));
        assertThat(Hex.encode(pong.pingHash()))
                .isEqualTo("fbc914b16819237dcd8801d7e53f69e9719adecb3cc0e790c57e91ca4461c954");
        assertThat(pong.expiration()).isEqualTo(EXPIRATION);
        assertThat(pong.enrSeq()).isEmpty();
    }

    @Test
    void findNodeWithAdditionalElements() {
        Packet.FindNode find = (Packet.FindNode) PacketCodec.decode(Hex.decode(FIND_NODE)).packet();

        assertThat(Hex.encode(find.target()))
                .isEqualTo(
                        "ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138"
                                + "7574077f301b421bc84df7266c44e9e6d569fc56be00812904767bf5ccd1fc7f");
        assertThat(find.expiration()).isEqualTo(EXPIRATION);
    }

    @Test
    void neighborsWithAdditionalElements() throws Exception {
        Packet.Neighbors n = (Packet.Neighbors) PacketCodec.decode(Hex.decode(NEIGHBORS)).packet();

        assertThat(n.expiration()).isEqualTo(EXPIRATION);
        assertThat(n.nodes()).hasSize(4);
        assertThat(n.nodes().get(0).endpoint())
                .isEqualTo(new Endpoint(InetAddress.getByName("99.33.22.55"), 4444, 4445));
        assertThat(Hex.encode(n.nodes().get(0).publicKey())).startsWith("3155e1427f85f10a");
        assertThat(n.nodes().get(1).endpoint())
                .isEqualTo(new Endpoint(InetAddress.getByName("1.2.3.4"), 1, 1));
        assertThat(n.nodes().get(2).endpoint())
                .isEqualTo(
                        new Endpoint(
                                InetAddress.getByName("2001:db8:3c4d:15::abcd:ef12"), 3333, 3333));
        assertThat(n.nodes().get(3).endpoint())
                .isEqualTo(
                        new Endpoint(
                                InetAddress.getByName("2001:db8:85a3:8d3:1319:8a2e:370:7348"),
                                999,
                                1000));
        assertThat(Hex.encode(n.nodes().get(3).publicKey())).endsWith("367d6dd3b9df73");
    }

    @Test
    void everyPacketRoundTrips() throws Exception {
        Endpoint a = new Endpoint(InetAddress.getByName("127.0.0.1"), 30303, 30303);
        Endpoint b = new Endpoint(InetAddress.getByName("::1"), 30301, 0);
        Enr enr = Enr.builder().ip(a.ip()).tcp(30303).udp(30303).sign(KEY);
        List<Packet> packets =
                List.of(
                        new Packet.Ping(4, a, b, EXPIRATION, OptionalLong.of(7)),
                        new Packet.Ping(4, a, b, EXPIRATION, OptionalLong.empty()),
                        new Packet.Pong(b, new byte[32], EXPIRATION, OptionalLong.of(9)),
                        new Packet.FindNode(SIGNER, EXPIRATION),
                        new Packet.EnrRequest(EXPIRATION),
                        new Packet.EnrResponse(new byte[32], enr));
        for (Packet packet : packets) {
            PacketCodec.Decoded d = PacketCodec.decode(PacketCodec.encode(packet, KEY));
            assertThat(d.senderPublicKey()).isEqualTo(SIGNER);
            assertThat(d.packet()).usingRecursiveComparison().isEqualTo(packet);
        }
        List<Packet.NodeEntry> twelve = new ArrayList<>();
        for (int i = 0; i < PacketCodec.MAX_NEIGHBORS_SENT; i++) {
            twelve.add(
                    new Packet.NodeEntry(
                            new Endpoint(
                                    InetAddress.getByName("2001:db8::" + Integer.toHexString(i)),
                                    65535,
                                    65535),
                            SIGNER));
        }
        byte[] full = PacketCodec.encode(new Packet.Neighbors(twelve, EXPIRATION), KEY);
        assertThat(full.length).isLessThanOrEqualTo(PacketCodec.MAX_SIZE);
        assertThat(((Packet.Neighbors) PacketCodec.decode(full).packet()).nodes()).hasSize(12);
    }

    @Test
    void refusesWhatIsNotAPacket() {
        byte[] ping = Hex.decode(PING_V4);
        assertThatThrownBy(() -> PacketCodec.decode(new byte[10]))
                .isInstanceOf(PacketException.class);
        assertThatThrownBy(() -> PacketCodec.decode(new byte[1281]))
                .isInstanceOf(PacketException.class);
        byte[] badHash = ping.clone();
        badHash[0] ^= 1;
        assertThatThrownBy(() -> PacketCodec.decode(badHash)).hasMessageContaining("hash");
        byte[] truncated = java.util.Arrays.copyOf(ping, ping.length - 20);
        assertThatThrownBy(() -> PacketCodec.decode(truncated)).isInstanceOf(PacketException.class);
    }
}
