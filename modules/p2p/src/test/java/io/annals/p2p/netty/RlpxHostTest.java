package io.annals.p2p.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.p2p.RlpxSession;
import io.annals.p2p.SessionFailedException;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.testing.TestCapability;
import io.annals.p2p.testing.TestSettings;
import io.annals.p2p.wire.Capability;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.EthCapability;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two (or more) hosts talking over 127.0.0.1: dialing, Hello, messages, disconnects, limits. */
class RlpxHostTest {
    private final TestCapability serverTest = new TestCapability();
    private final TestCapability serverEth =
            new TestCapability(EthCapability.NAME, EthCapability.VERSIONS);
    private final TestCapability clientTest = new TestCapability();
    private final TestCapability clientEth =
            new TestCapability(EthCapability.NAME, Set.of(66, 67, 68, 69));
    private final BlockingQueue<RlpxSession> serverSessions = new LinkedBlockingQueue<>();
    private final List<RlpxHost> hosts = new java.util.ArrayList<>();

    @AfterEach
    void stopHosts() {
        hosts.forEach(RlpxHost::close);
    }

    /** A host whose sessions are not reported to {@link #serverSide()}. */
    private RlpxHost host(String settings, TestCapability... capabilities) {
        return host(settings, session -> {}, capabilities);
    }

    private RlpxHost host(
            String settings,
            io.annals.p2p.SessionListener listener,
            TestCapability... capabilities) {
        RlpxHost host =
                RlpxHost.create(
                        NodeKey.generate(new SecureRandom()),
                        TestSettings.with(settings),
                        List.of(capabilities),
                        listener);
        hosts.add(host);
        return host;
    }

    private RlpxHost server(String settings) throws Exception {
        RlpxHost server = host(settings, serverSessions::add, serverTest, serverEth);
        server.listen().get();
        return server;
    }

    private RlpxSession serverSide() throws InterruptedException {
        RlpxSession session = serverSessions.poll(20, TimeUnit.SECONDS);
        assertThat(session).as("server session").isNotNull();
        return session;
    }

    @Test
    void dialExchangesHelloAndNegotiatesTheHighestSharedEthVersion() throws Exception {
        RlpxHost server = server("");
        RlpxHost client = host("annals.p2p.client-id = \"Client/1\"", clientTest, clientEth);

        RlpxSession outbound = client.dial(server.localEnode().orElseThrow()).get();
        RlpxSession inbound = serverSide();

        assertThat(outbound.isInitiator()).isTrue();
        assertThat(inbound.isInitiator()).isFalse();
        assertThat(outbound.remoteNodeId()).isEqualTo(server.nodeKey().nodeId());
        assertThat(inbound.remoteNodeId()).isEqualTo(client.nodeKey().nodeId());
        assertThat(inbound.clientId()).isEqualTo("Client/1");
        assertThat(inbound.capabilities())
                .contains(
                        new Capability("eth", 66),
                        new Capability("eth", 69),
                        new Capability("test", 1));
        assertThat(inbound.negotiatedVersion("eth")).hasValue(69);
        assertThat(outbound.negotiatedVersion("eth")).hasValue(69);
        assertThat(outbound.negotiatedVersion("snap")).isEmpty();
        assertThat(server.sessions()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1024, 70_000, 3 * 1024 * 1024})
    void capabilityMessagesTravelBothWays(int size) throws Exception {
        RlpxHost server = server("");
        RlpxHost client = host("", clientTest, clientEth);
        RlpxSession outbound = client.dial(server.localEnode().orElseThrow()).get();
        RlpxSession inbound = serverSide();
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);

        outbound.send("test", TestCapability.ECHO_REQUEST, payload).get();
        assertThat(serverTest.next().payload()).isEqualTo(payload);
        assertThat(clientTest.next())
                .satisfies(
                        reply -> {
                            assertThat(reply.code()).isEqualTo(TestCapability.ECHO_REPLY);
                            assertThat(reply.payload()).isEqualTo(payload);
                        });

        inbound.send("eth", 0x10, payload).get(); // Receipts, the last eth/68 id
        TestCapability.Received eth = clientEth.next();
        assertThat(eth.code()).isEqualTo(0x10);
        assertThat(eth.payload()).isEqualTo(payload);
    }

    @Test
    void sendOutsideTheNegotiatedRangeFails() throws Exception {
        RlpxHost server = server("");
        RlpxSession outbound = host("", clientTest).dial(server.localEnode().orElseThrow()).get();

        assertThatThrownBy(() -> outbound.send("test", 2, new byte[0]).get())
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbound.send("eth", 0, new byte[0]).get())
                .hasMessageContaining("not negotiated");
    }

    @Test
    void disconnectCarriesTheReasonToBothSides() throws Exception {
        RlpxHost server = server("");
        RlpxSession outbound = host("", clientTest).dial(server.localEnode().orElseThrow()).get();
        RlpxSession inbound = serverSide();

        outbound.disconnect(DisconnectReason.SUBPROTOCOL_REASON);

        assertThat(inbound.closed().get(20, TimeUnit.SECONDS))
                .isEqualTo(DisconnectReason.SUBPROTOCOL_REASON);
        assertThat(inbound.closedByRemote()).isTrue();
        assertThat(outbound.closed().get(20, TimeUnit.SECONDS))
                .isEqualTo(DisconnectReason.SUBPROTOCOL_REASON);
        assertThat(outbound.closedByRemote()).isFalse();
        assertThat(serverTest.nextClose()).isEqualTo(DisconnectReason.SUBPROTOCOL_REASON);
        assertThatThrownBy(() -> outbound.send("test", 0, new byte[1]).get())
                .hasMessageContaining("session is");
    }

    @Test
    void closingAHostTellsPeersItIsQuitting() throws Exception {
        RlpxHost server = server("");
        RlpxHost client = host("", clientTest);
        RlpxSession outbound = client.dial(server.localEnode().orElseThrow()).get();
        serverSide();

        server.close();

        assertThat(outbound.closed().get(20, TimeUnit.SECONDS))
                .isEqualTo(DisconnectReason.CLIENT_QUITTING);
        assertThat(outbound.closedByRemote()).isTrue();
    }

    @Test
    void secondSessionWithTheSameNodeIsRefused() throws Exception {
        RlpxHost server = server("");
        NodeKey sharedKey = NodeKey.generate(new SecureRandom());
        RlpxHost first =
                RlpxHost.create(sharedKey, TestSettings.defaults(), List.of(clientTest), s -> {});
        RlpxHost twin =
                RlpxHost.create(
                        sharedKey, TestSettings.defaults(), List.of(new TestCapability()), s -> {});
        hosts.add(first);
        hosts.add(twin);
        Enode enode = server.localEnode().orElseThrow();
        first.dial(enode).get();

        assertThat(failureReason(twin, enode)).isEqualTo(DisconnectReason.ALREADY_CONNECTED);
        assertThat(failureReason(first, enode))
                .isEqualTo(DisconnectReason.ALREADY_CONNECTED); // refused before dialing
    }

    @Test
    void peersAboveTheLimitAreTurnedAway() throws Exception {
        RlpxHost server = server("annals.p2p.max-peers = 1");
        Enode enode = server.localEnode().orElseThrow();
        host("", clientTest).dial(enode).get();
        // the dialer's session is up before the server has counted its side: wait for that
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.sessions().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.sessions()).as("the server holds the first session").hasSize(1);

        assertThat(failureReason(host("", new TestCapability()), enode))
                .isEqualTo(DisconnectReason.TOO_MANY_PEERS);
    }

    @Test
    void dialingOurselvesIsRefused() throws Exception {
        RlpxHost server = server("");

        assertThat(failureReason(server, server.localEnode().orElseThrow()))
                .isEqualTo(DisconnectReason.SAME_IDENTITY);
    }

    @Test
    void dialToTheWrongNodeIdFailsTheHandshake() throws Exception {
        RlpxHost server = server("");
        Enode real = server.localEnode().orElseThrow();
        Enode wrongId =
                new Enode(
                        NodeKey.generate(new SecureRandom()).nodeId(), real.host(), real.tcpPort());

        assertThatThrownBy(() -> host("", clientTest).dial(wrongId).get())
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void staticPeersAreRedialedAfterADisconnect() throws Exception {
        RlpxHost server = server("");
        String enode = server.localEnode().orElseThrow().toString();
        RlpxHost client = host("annals.p2p.static-peers = [\"" + enode + "\"]", clientTest);

        client.startStaticPeers();
        RlpxSession first = serverSide();
        first.disconnect(DisconnectReason.TOO_MANY_PEERS);
        RlpxSession second = serverSide();

        assertThat(second.remoteNodeId()).isEqualTo(client.nodeKey().nodeId());
        assertThat(first.closed()).isCompletedWithValue(DisconnectReason.TOO_MANY_PEERS);
    }

    private static DisconnectReason failureReason(RlpxHost host, Enode enode) {
        try {
            host.dial(enode).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SessionFailedException.class);
            return ((SessionFailedException) e.getCause()).reason();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("dial to " + enode + " succeeded");
    }
}
