package io.annals.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.chain.ForkId;
import io.annals.core.types.Hash;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.SessionListener;
import io.annals.p2p.eth.message.EthDecoder;
import io.annals.p2p.eth.message.EthEncoder;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.RlpxHost;
import io.annals.p2p.testing.RecordingCapability;
import io.annals.p2p.testing.TestChain;
import io.annals.p2p.testing.TestSettings;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.EthCapability;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The other side of an eth session played by hand, over a real RLPx session: it sends whatever the
 * test writes (well-formed or not) and decodes what our node sends. Our node speaks first (its
 * Status), so {@link #connect} returns once the session is up and that Status is in.
 */
final class RawEthPeer implements AutoCloseable {
    final RlpxHost host;
    final RlpxSession session;
    final int version;
    final EthMessage.Status theirStatus;
    private final RecordingCapability eth;
    private final EthEncoder encoder;
    private final EthDecoder decoder;

    private RawEthPeer(RlpxHost host, RecordingCapability eth, RlpxSession session, int version)
            throws Exception {
        this.host = host;
        this.eth = eth;
        this.session = session;
        this.version = version;
        this.encoder = new EthEncoder(version);
        this.decoder = new EthDecoder(version, 100_000, 100_000);
        this.theirStatus = (EthMessage.Status) next();
    }

    /** Dials our node with eth/{@code version} only. */
    static RawEthPeer connect(EthNode node, int version) throws Exception {
        RecordingCapability eth = new RecordingCapability(EthCapability.NAME, Set.of(version));
        RlpxHost host =
                RlpxHost.create(
                        NodeKey.generate(new SecureRandom()),
                        TestSettings.defaults(),
                        List.of(eth),
                        SessionListener.NONE);
        RlpxSession session = host.dial(node.enode()).get(20, TimeUnit.SECONDS);
        eth.nextSession();
        return new RawEthPeer(host, eth, session, version);
    }

    /** Connects and completes the handshake with a Status that matches the chain. */
    static RawEthPeer handshake(EthNode node, TestChain chain, int version) throws Exception {
        RawEthPeer peer = connect(node, version);
        peer.send(peer.matchingStatus(chain));
        return peer;
    }

    /**
     * A Status our node accepts: its network, genesis and fork id, and the whole chain as range.
     */
    EthMessage.Status matchingStatus(TestChain chain) {
        return statusWith(
                chain.spec().networkId(), chain.spec().genesisHash(), theirStatus.forkId(), chain);
    }

    EthMessage.Status statusWith(long networkId, Hash genesis, ForkId forkId, TestChain chain) {
        int last = chain.length() - 1;
        if (version == 68) {
            return new EthMessage.StatusEth68(
                    68, networkId, BigInteger.ONE, chain.hash(last), genesis, forkId);
        }
        return new EthMessage.StatusEth69(
                version, networkId, genesis, forkId, new AnnouncedRange(0, last, chain.hash(last)));
    }

    void send(EthMessage message) throws Exception {
        session.send(EthCapability.NAME, message.code(), encoder.encode(message))
                .get(20, TimeUnit.SECONDS);
    }

    void sendRaw(int code, byte[] payload) throws Exception {
        session.send(EthCapability.NAME, code, payload).get(20, TimeUnit.SECONDS);
    }

    /** The next message our node sent, decoded. */
    EthMessage next() throws Exception {
        RecordingCapability.Received received = eth.next();
        return decoder.decode(received.code(), received.payload());
    }

    /** The next message, which must be of this type. */
    <T extends EthMessage> T expect(Class<T> type) throws Exception {
        EthMessage message = next();
        assertThat(message).isInstanceOf(type);
        return type.cast(message);
    }

    /** The next message within the time, if any. */
    EthMessage poll(long millis) throws Exception {
        RecordingCapability.Received received = eth.poll(millis);
        return received == null ? null : decoder.decode(received.code(), received.payload());
    }

    /** The reason our node gave when it ended the session. */
    DisconnectReason awaitDisconnect() throws Exception {
        DisconnectReason reason = session.closed().get(20, TimeUnit.SECONDS);
        assertThat(session.closedByRemote()).as("our node ended the session").isTrue();
        return reason;
    }

    @Override
    public void close() {
        host.close();
    }
}
