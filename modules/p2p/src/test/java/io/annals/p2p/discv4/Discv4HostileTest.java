package io.annals.p2p.discv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.crypto.Secp256k1;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.testing.Await;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile client on a raw UDP socket against a discv4 node on 127.0.0.1: nothing it sends crashes
 * discovery or enters the table, and a flood from its address is rate-limited.
 */
class Discv4HostileTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestDiscovery.Node target;
    private DatagramSocket socket;
    private byte[] key;
    private InetSocketAddress to;

    @BeforeEach
    void start() throws Exception {
        // the default rate limit: 50 packets a second, bursts of 200
        target =
                TestDiscovery.start(
                        TestDiscovery.settings("request-timeout = 500ms"),
                        List.of(),
                        Optional.empty());
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(10_000);
        key = Secp256k1.generatePrivateKey(RANDOM);
        to = target.server().localAddress();
        to = new InetSocketAddress(InetAddress.getLoopbackAddress(), to.getPort());
    }

    @AfterEach
    void stop() {
        socket.close();
        target.close();
    }

    private void send(byte[] datagram) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    private long now() {
        return System.currentTimeMillis() / 1000;
    }

    private Endpoint ours() {
        return new Endpoint(InetAddress.getLoopbackAddress(), socket.getLocalPort(), 0);
    }

    private Packet.Ping ping(long expiration) {
        return new Packet.Ping(4, ours(), Endpoint.of(to, 0), expiration, OptionalLong.empty());
    }

    /** The next packet the target sends us. */
    private PacketCodec.Decoded receive() throws Exception {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return PacketCodec.decode(Arrays.copyOf(buffer, packet.getLength()));
    }

    @Test
    void malformedExpiredAndUnprovenPacketsAreDroppedAndTheNodeStillAnswers() throws Exception {
        byte[] good = PacketCodec.encode(ping(now() + 20), key);
        send(Arrays.copyOf(good, 60)); // truncated below the header
        send(Arrays.copyOf(good, good.length - 5)); // truncated list: hash no longer matches
        byte[] oversized = new byte[3000];
        RANDOM.nextBytes(oversized);
        send(oversized);
        byte[] badSignature = good.clone();
        // r = 0: no key can be recovered (a flipped bit would recover some other key, and that
        // is a valid packet from another node); the hash is recomputed to match
        Arrays.fill(badSignature, 32, 64, (byte) 0);
        io.annals.core.crypto.Keccak256.hashInto(
                badSignature, 32, badSignature.length - 32, badSignature, 0);
        send(badSignature);
        byte[] garbage = new byte[200];
        RANDOM.nextBytes(garbage);
        send(garbage);
        send(PacketCodec.encode(ping(now() - 60), key)); // expired
        // FindNode without an endpoint proof: not answered
        send(PacketCodec.encode(new Packet.FindNode(new byte[64], now() + 20), key));
        // Neighbors nobody asked for, naming nodes that do not exist
        List<Packet.NodeEntry> fake = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fake.add(
                    new Packet.NodeEntry(
                            new Endpoint(InetAddress.getByName("10.9.9." + i), 30303, 30303),
                            Secp256k1.publicKeyOf(Secp256k1.generatePrivateKey(RANDOM))));
        }
        send(PacketCodec.encode(new Packet.Neighbors(fake, now() + 20), key));
        // a Pong to a ping never sent
        send(
                PacketCodec.encode(
                        new Packet.Pong(ours(), new byte[32], now() + 20, OptionalLong.empty()),
                        key));
        // at last a valid ping: its Pong is the first thing we get back (no Neighbors came first)
        send(good);
        PacketCodec.Decoded first = receive();
        assertThat(first.packet()).isInstanceOf(Packet.Pong.class);
        assertThat(((Packet.Pong) first.packet()).pingHash()).isEqualTo(Arrays.copyOf(good, 32));

        Discv4Stats stats = target.discv4().stats();
        assertThat(stats.malformed()).isEqualTo(5);
        assertThat(stats.expired()).isEqualTo(1);
        assertThat(stats.unsolicited()).isEqualTo(3);
        assertThat(target.discv4().nodes().get())
                .extracting(DiscoveredNode::publicKeyHex)
                .noneMatch(
                        id ->
                                fake.stream()
                                        .anyMatch(
                                                f ->
                                                        java.util.HexFormat.of()
                                                                .formatHex(f.publicKey())
                                                                .equals(id)));
        // the target pings back to prove our endpoint; answering lets us into the table
        PacketCodec.Decoded pingBack = receive();
        assertThat(pingBack.packet()).isInstanceOf(Packet.Ping.class);
        send(
                PacketCodec.encode(
                        new Packet.Pong(
                                Endpoint.of(to, 0),
                                pingBack.hash(),
                                now() + 20,
                                OptionalLong.empty()),
                        key));
        Await.until(
                "the honest client in the table",
                Duration.ofSeconds(10),
                () -> target.discv4().stats().tableSize() == 1);
        assertThat(target.discv4().nodes().get().get(0).publicKey())
                .isEqualTo(Secp256k1.publicKeyOf(key));
    }

    @Test
    void aReplayedPingFromAnotherAddressDoesNotEnterTheTable() throws Exception {
        byte[] ping = PacketCodec.encode(ping(now() + 20), key);
        try (DatagramSocket replayer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            replayer.setSoTimeout(10_000);
            replayer.send(new DatagramPacket(ping, ping.length, to));
            byte[] buffer = new byte[2048];
            DatagramPacket pong = new DatagramPacket(buffer, buffer.length);
            replayer.receive(pong); // the Pong goes to the replayer's address
            DatagramPacket pingBack = new DatagramPacket(new byte[2048], 2048);
            replayer.receive(pingBack); // and so does the ping back, which it cannot answer as us
            assertThat(
                            PacketCodec.decode(
                                            Arrays.copyOf(pingBack.getData(), pingBack.getLength()))
                                    .packet())
                    .isInstanceOf(Packet.Ping.class);
        }
        assertThat(target.discv4().nodes().get()).isEmpty();
    }

    @Test
    void aFloodFromOneAddressIsRateLimited() throws Exception {
        byte[] ping = PacketCodec.encode(ping(now() + 20), key);
        long started = System.nanoTime();
        int sent = 0;
        // batches small enough for the socket buffers: every datagram reaches discovery
        while (sent < 2000) {
            for (int i = 0; i < 50; i++, sent++) {
                send(ping);
            }
            int expected = sent;
            Await.until(
                    "the flood to be counted",
                    Duration.ofSeconds(20),
                    () -> {
                        Discv4Stats s = target.discv4().stats();
                        return s.received() + s.rateLimited() >= expected;
                    },
                    () -> target.discv4().stats().toString());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Discv4Stats stats = target.discv4().stats();
        // the burst of 200 plus 50 a second while the flood lasted got through; the rest was
        // dropped before decoding
        assertThat(stats.received() + stats.rateLimited()).isEqualTo(2000);
        assertThat(stats.received()).isLessThanOrEqualTo(200 + (long) Math.ceil(50 * seconds) + 1);
        assertThat(stats.rateLimited()).isPositive();
        assertThat(stats.malformed()).isZero();
    }
}
