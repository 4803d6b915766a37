package io.annals.p2p.wire;

import io.annals.core.crypto.Secp256k1;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.ByteSlice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RLP encoding of the base-protocol messages (uncompressed msg-data; compression is the message
 * layer's job). Decoding follows EIP-8: additional list elements in Hello are ignored. It is
 * bounded: client id, capability count and name lengths have hard limits.
 */
public final class P2pCodec {
    public static final int MAX_CLIENT_ID_BYTES = 1024;
    public static final int MAX_CAPABILITIES = 64;

    private static final byte[] EMPTY_LIST = {(byte) 0xc0};

    private P2pCodec() {}

    public static byte[] encode(P2pMessage message) {
        if (message instanceof P2pMessage.Hello hello) {
            return encodeHello(hello);
        }
        if (message instanceof P2pMessage.Disconnect disconnect) {
            RlpWriter w = new RlpWriter(8);
            int list = w.startList();
            w.writeLong(disconnect.reason().code());
            return w.endList(list).toByteArray();
        }
        return EMPTY_LIST.clone();
    }

    /**
     * Decodes the msg-data of a base-protocol message.
     *
     * @throws MessageException (breach of protocol) on malformed data or an unknown id
     */
    public static P2pMessage decode(int code, byte[] payload) {
        switch (code) {
            case P2pMessage.HELLO:
                return decodeHello(payload);
            case P2pMessage.DISCONNECT:
                return new P2pMessage.Disconnect(decodeDisconnectReason(payload));
            case P2pMessage.PING:
                return new P2pMessage.Ping();
            case P2pMessage.PONG:
                return new P2pMessage.Pong();
            default:
                throw new MessageException(
                        DisconnectReason.BREACH_OF_PROTOCOL,
                        "unknown base protocol message id " + code);
        }
    }

    private static byte[] encodeHello(P2pMessage.Hello hello) {
        RlpWriter w = new RlpWriter(256);
        int list = w.startList();
        w.writeLong(hello.protocolVersion());
        w.writeBytes(hello.clientId().getBytes(StandardCharsets.UTF_8));
        int caps = w.startList();
        for (Capability capability : hello.capabilities()) {
            int cap = w.startList();
            w.writeBytes(capability.name().getBytes(StandardCharsets.US_ASCII));
            w.writeLong(capability.version());
            w.endList(cap);
        }
        w.endList(caps);
        w.writeLong(hello.listenPort());
        w.writeBytes(hello.nodeId());
        return w.endList(list).toByteArray();
    }

    static P2pMessage.Hello decodeHello(byte[] payload) {
        try {
            RlpReader hello = RlpReader.of(payload).readList();
            int version = clampedInt(hello.readLong());
            ByteSlice clientId = hello.readSlice();
            if (clientId.length() > MAX_CLIENT_ID_BYTES) {
                throw breach("client id of " + clientId.length() + " bytes");
            }
            List<Capability> capabilities = decodeCapabilities(hello.readList());
            long port = hello.readLong();
            byte[] nodeId = hello.readFixed(Secp256k1.PUBLIC_KEY_SIZE, "node id");
            // EIP-8: anything after the node id is ignored
            return new P2pMessage.Hello(
                    version,
                    new String(clientId.toArray(), StandardCharsets.UTF_8),
                    capabilities,
                    port >= 0 && port <= 0xffff ? (int) port : 0,
                    nodeId);
        } catch (RlpException e) {
            throw new MessageException(
                    DisconnectReason.BREACH_OF_PROTOCOL, "malformed Hello: " + e.getMessage(), e);
        }
    }

    private static List<Capability> decodeCapabilities(RlpReader list) {
        List<Capability> capabilities = new ArrayList<>();
        while (list.hasNext()) {
            if (capabilities.size() == MAX_CAPABILITIES) {
                throw breach("more than " + MAX_CAPABILITIES + " capabilities");
            }
            RlpReader entry = list.readList();
            ByteSlice name = entry.readSlice();
            if (name.length() == 0 || name.length() > Capability.MAX_NAME_LENGTH) {
                throw breach("capability name of " + name.length() + " bytes");
            }
            int version = clampedInt(entry.readLong());
            capabilities.add(
                    new Capability(new String(name.toArray(), StandardCharsets.US_ASCII), version));
        }
        return capabilities;
    }

    /**
     * The spec sends {@code [reason]}; some clients send the bare reason, or nothing. Anything
     * unreadable counts as {@link DisconnectReason#UNKNOWN}: the peer is leaving either way.
     */
    static DisconnectReason decodeDisconnectReason(byte[] payload) {
        if (payload.length == 0) {
            return DisconnectReason.DISCONNECT_REQUESTED;
        }
        try {
            RlpReader reader = RlpReader.of(payload);
            if (reader.nextIsList()) {
                RlpReader list = reader.readList();
                return list.hasNext()
                        ? DisconnectReason.of(list.readLong())
                        : DisconnectReason.DISCONNECT_REQUESTED;
            }
            return DisconnectReason.of(reader.readLong());
        } catch (RlpException e) {
            return DisconnectReason.UNKNOWN;
        }
    }

    private static int clampedInt(long value) {
        return value < 0 || value > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) value;
    }

    private static MessageException breach(String what) {
        return new MessageException(DisconnectReason.BREACH_OF_PROTOCOL, "Hello rejected: " + what);
    }
}
