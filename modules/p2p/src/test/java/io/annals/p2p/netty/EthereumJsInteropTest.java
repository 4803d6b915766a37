package io.annals.p2p.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.util.Hex;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.testing.JsPeer;
import io.annals.p2p.testing.TestCapability;
import io.annals.p2p.testing.TestSettings;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.EthCapability;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an independent implementation: @ethereumjs/devp2p 10.0.0 (src/test/js),
 * over 127.0.0.1, in both dialing directions. Its raw "xfer" capability lets both sides send
 * payloads above 64 KiB, compressed by snappyjs on its side and by snappy-java on ours.
 */
class EthereumJsInteropTest {
    private final TestCapability xfer = new TestCapability("xfer", Set.of(1));
    private final TestCapability eth =
            new TestCapability(EthCapability.NAME, EthCapability.VERSIONS);
    private final BlockingQueue<RlpxSession> inbound = new LinkedBlockingQueue<>();
    private final NodeKey jsKey = NodeKey.generate(new SecureRandom());
    private RlpxHost host;
    private JsPeer js;

    @AfterEach
    void stop() throws Exception {
        if (js != null) {
            js.close();
        }
        if (host != null) {
            host.close();
        }
    }

    private RlpxHost startHost(String settings) {
        host =
                RlpxHost.create(
                        NodeKey.generate(new SecureRandom()),
                        TestSettings.with(settings),
                        List.of(xfer, eth),
                        inbound::add);
        return host;
    }

    @Test
    void weDialItExchangeHelloPingPongLargePayloadsAndDisconnect() throws Exception {
        js = JsPeer.start(Hex.encode(jsKey.privateKey()), "xfer/1", true);
        JsPeer.Event listening = js.await("listening");
        assertThat(listening.get("id")).isEqualTo(jsKey.nodeIdHex());
        startHost("annals.p2p.ping-interval = 300ms");

        RlpxSession session =
                host.dial(
                                new Enode(
                                        jsKey.nodeId(),
                                        "127.0.0.1",
                                        Integer.parseInt(listening.get("port"))))
                        .get(20, TimeUnit.SECONDS);
        JsPeer.Event peer = js.await("peer");

        assertThat(session.clientId()).startsWith("ethereumjs-devp2p");
        assertThat(session.negotiatedVersion("xfer")).hasValue(1);
        assertThat(peer.get("id")).isEqualTo(host.nodeKey().nodeIdHex());
        assertThat(peer.get("clientId")).isEqualTo("Annals/test");
        assertThat(peer.get("caps")).contains("xfer/1", "eth/68", "eth/69", "eth/70");

        // their Ping, our Pong
        js.command("ping");
        js.await("pong");
        // our Pings on idle: a second one is only sent if the first was answered
        js.await("ping");
        js.await("ping");

        // above 64 KiB, our snappy-java to their snappyjs
        byte[] payload = semiCompressible(200_000);
        session.send("xfer", 0, payload).get(20, TimeUnit.SECONDS);
        JsPeer.Event received = js.await("message");
        assertThat(received.get("size")).isEqualTo(String.valueOf(payload.length));
        assertThat(received.get("sha256")).isEqualTo(sha256(payload));

        // and their snappyjs to our snappy-java
        js.command("send 1 300000 7");
        JsPeer.Event sent = js.await("sent");
        TestCapability.Received message = xfer.next();
        assertThat(message.code()).isEqualTo(1);
        assertThat(message.payload()).hasSize(300_000);
        assertThat(sha256(message.payload())).isEqualTo(sent.get("sha256"));

        session.disconnect(DisconnectReason.SUBPROTOCOL_REASON);
        JsPeer.Event removed = js.await("removed");
        assertThat(removed.get("reason"))
                .isEqualTo(String.valueOf(DisconnectReason.SUBPROTOCOL_REASON.code()));
        assertThat(removed.get("byUs")).isEqualTo("false");
        assertThat(session.closed().get(20, TimeUnit.SECONDS))
                .isEqualTo(DisconnectReason.SUBPROTOCOL_REASON);
        assertThat(session.closedByRemote()).isFalse();
    }

    @Test
    void itDialsUsAndDisconnectsWithABareReason() throws Exception {
        startHost("");
        int port = host.listen().get().getPort();
        js = JsPeer.start(Hex.encode(jsKey.privateKey()), "xfer/1", false);
        js.await("ready");

        js.command("dial " + host.nodeKey().nodeIdHex() + " " + port);
        RlpxSession session = inbound.poll(20, TimeUnit.SECONDS);
        assertThat(session).as("inbound session from ethereumjs").isNotNull();
        js.await("peer");
        assertThat(session.isInitiator()).isFalse();
        assertThat(session.remoteNodeIdHex()).isEqualTo(jsKey.nodeIdHex());

        js.command("send 0 70000 3");
        JsPeer.Event sent = js.await("sent");
        TestCapability.Received request = xfer.next();
        assertThat(sha256(request.payload())).isEqualTo(sent.get("sha256"));
        // our TestCapability echoes code 0 back as code 1
        JsPeer.Event echoed = js.await("message");
        assertThat(echoed.get("code")).isEqualTo("1");
        assertThat(echoed.get("sha256")).isEqualTo(sent.get("sha256"));

        js.command("disconnect " + DisconnectReason.CLIENT_QUITTING.code());
        assertThat(session.closed().get(20, TimeUnit.SECONDS))
                .isEqualTo(DisconnectReason.CLIENT_QUITTING);
        assertThat(session.closedByRemote()).isTrue();
        assertThat(js.await("removed").get("byUs")).isEqualTo("true");
    }

    @Test
    void highestCommonEthVersionIsNegotiated() throws Exception {
        js = JsPeer.start(Hex.encode(jsKey.privateKey()), "eth/66,eth/67,eth/68", true);
        JsPeer.Event listening = js.await("listening");
        startHost("");

        RlpxSession session =
                host.dial(
                                new Enode(
                                        jsKey.nodeId(),
                                        "127.0.0.1",
                                        Integer.parseInt(listening.get("port"))))
                        .get(20, TimeUnit.SECONDS);

        assertThat(session.negotiatedVersion("eth")).hasValue(68);
        assertThat(js.await("peer").get("shared")).isEqualTo("ETH/68");
        session.disconnect(DisconnectReason.DISCONNECT_REQUESTED);
        assertThat(js.await("removed").get("reason")).isEqualTo("0");
    }

    private static byte[] semiCompressible(int size) {
        Random random = new Random(size);
        byte[] block = new byte[2048];
        random.nextBytes(block);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = block[(i * 7 + i / 5000) % block.length];
        }
        return data;
    }

    private static String sha256(byte[] data) throws Exception {
        return Hex.encode(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
