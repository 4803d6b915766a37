package io.annals.p2p.netty;

import io.annals.core.rlp.Rlp;
import io.annals.core.rlp.RlpReader;
import io.annals.core.util.Bytes;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.rlpx.EgressFramer;
import io.annals.p2p.rlpx.IngressFramer;
import io.annals.p2p.rlpx.InitiatorHandshake;
import io.annals.p2p.rlpx.Secrets;
import io.annals.p2p.wire.Capability;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.MessageException;
import io.annals.p2p.wire.P2pCodec;
import io.annals.p2p.wire.P2pMessage;
import io.annals.p2p.wire.SnappyCompression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * A peer driven step by step by a test, over a plain blocking socket and the pure RLPx core: it can
 * follow the protocol or break it on purpose (bad MACs, truncated frames, garbage). Reads time out
 * after 20 s so that a broken expectation fails instead of hanging.
 */
final class ScriptedPeer implements AutoCloseable {
    record Message(int id, byte[] payload) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    final NodeKey key = NodeKey.generate(RANDOM);
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private EgressFramer egress;
    private IngressFramer ingress;
    private boolean compression;

    private ScriptedPeer(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Connects without any handshake. */
    static ScriptedPeer connect(InetSocketAddress address) throws IOException {
        return new ScriptedPeer(address);
    }

    /** Connects and completes the RLPx handshake as initiator. */
    static ScriptedPeer handshake(InetSocketAddress address, byte[] remoteNodeId)
            throws IOException {
        ScriptedPeer peer = new ScriptedPeer(address);
        InitiatorHandshake handshake =
                new InitiatorHandshake(peer.key.privateKey(), remoteNodeId, RANDOM);
        peer.sendRaw(handshake.authPacket());
        int consumed = 0;
        while (consumed == 0) {
            peer.fill(1);
            byte[] buffered = peer.pending.toByteArray();
            consumed = handshake.receiveAck(buffered, 0, buffered.length);
        }
        peer.take(consumed);
        Secrets secrets = handshake.secrets();
        peer.egress = new EgressFramer(secrets, IngressFramer.FORMAT_MAX_FRAME_SIZE);
        peer.ingress = new IngressFramer(secrets, IngressFramer.FORMAT_MAX_FRAME_SIZE);
        return peer;
    }

    /** Handshake, then Hello both ways with the given capabilities; compression is on after it. */
    static ScriptedPeer session(
            InetSocketAddress address, byte[] remoteNodeId, List<Capability> capabilities)
            throws IOException {
        ScriptedPeer peer = handshake(address, remoteNodeId);
        peer.sendHello(capabilities);
        Message hello = peer.read();
        if (hello.id() != P2pMessage.HELLO) {
            throw new AssertionError("expected Hello, got message " + hello.id());
        }
        peer.compression = true;
        return peer;
    }

    P2pMessage.Hello hello(List<Capability> capabilities) {
        return new P2pMessage.Hello(5, "scripted", capabilities, 0, key.nodeId());
    }

    void sendHello(List<Capability> capabilities) throws IOException {
        send(P2pMessage.HELLO, P2pCodec.encode(hello(capabilities)));
    }

    /** Sends a message, compressed once the Hellos are exchanged. */
    void send(int id, byte[] payload) throws IOException {
        sendRaw(seal(frameData(id, payload)));
    }

    byte[] frameData(int id, byte[] payload) {
        return Bytes.concat(
                Rlp.encodeLong(id), compression ? SnappyCompression.compress(payload) : payload);
    }

    /** Seals frame data; callers may tamper with the result before sending it. */
    byte[] seal(byte[] frameData) {
        return egress.seal(frameData);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the next message; Disconnect is read in either form. */
    Message read() throws IOException {
        fill(IngressFramer.HEADER_SIZE);
        int size = ingress.openHeader(take(IngressFramer.HEADER_SIZE), 0);
        int bodyLength = IngressFramer.bodyLength(size);
        fill(bodyLength);
        byte[] frame = ingress.openBody(take(bodyLength), 0, size);
        RlpReader reader = RlpReader.of(frame);
        int id = reader.readInt();
        byte[] data = Arrays.copyOfRange(frame, reader.position(), frame.length);
        if (compression) {
            try {
                data =
                        SnappyCompression.decompress(
                                data, 0, data.length, SnappyCompression.DEFAULT_MAX_UNCOMPRESSED);
            } catch (MessageException e) {
                if (id != P2pMessage.DISCONNECT) {
                    throw e;
                }
            }
        }
        return new Message(id, data);
    }

    /** Reads messages until a Disconnect and returns its reason; pings are answered on the way. */
    DisconnectReason readDisconnect() throws IOException {
        while (true) {
            Message message = read();
            if (message.id() == P2pMessage.DISCONNECT) {
                return ((P2pMessage.Disconnect) P2pCodec.decode(message.id(), message.payload()))
                        .reason();
            }
        }
    }

    /** True when the other side closed the connection (end of stream or reset). */
    boolean awaitClosed() throws IOException {
        try {
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // drain what is left
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    int localPort() {
        return socket.getLocalPort();
    }

    private void fill(int needed) throws IOException {
        byte[] chunk = new byte[8192];
        while (pending.size() < needed) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException(
                        "connection closed with " + pending.size() + " of " + needed + " bytes");
            }
            pending.write(chunk, 0, n);
        }
    }

    private byte[] take(int count) {
        byte[] all = pending.toByteArray();
        pending.reset();
        pending.write(all, count, all.length - count);
        return Arrays.copyOf(all, count);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
