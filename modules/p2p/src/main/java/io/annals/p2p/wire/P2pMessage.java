package io.annals.p2p.wire;

import io.annals.core.crypto.Secp256k1;
import java.util.Arrays;
import java.util.List;

/**
 * The messages of the "p2p" capability, message ids 0x00-0x0f (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#p2p-capability">rlpx.md</a>). {@link
 * P2pCodec} turns them into bytes and back.
 */
public sealed interface P2pMessage {
    int HELLO = 0x00;
    int DISCONNECT = 0x01;
    int PING = 0x02;
    int PONG = 0x03;

    /** Ids 0x00-0x0f belong to the base protocol; capabilities start here. */
    int BASE_PROTOCOL_LENGTH = 0x10;

    int code();

    /**
     * {@code [protocolVersion, clientId, [[cap, version], ...], listenPort, nodeId, ...]}.
     *
     * @param nodeId the sender's secp256k1 public key, 64 bytes
     */
    record Hello(
            int protocolVersion,
            String clientId,
            List<Capability> capabilities,
            int listenPort,
            byte[] nodeId)
            implements P2pMessage {
        /** The p2p version we speak: 5 adds Snappy compression (EIP-706). */
        public static final int VERSION = 5;

        public Hello {
            capabilities = List.copyOf(capabilities);
            if (nodeId.length != Secp256k1.PUBLIC_KEY_SIZE) {
                throw new IllegalArgumentException(
                        "node id must be 64 bytes, got " + nodeId.length);
            }
            nodeId = nodeId.clone();
        }

        @Override
        public byte[] nodeId() {
            return nodeId.clone();
        }

        @Override
        public int code() {
            return HELLO;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hello h
                    && protocolVersion == h.protocolVersion
                    && clientId.equals(h.clientId)
                    && capabilities.equals(h.capabilities)
                    && listenPort == h.listenPort
                    && Arrays.equals(nodeId, h.nodeId);
        }

        @Override
        public int hashCode() {
            return 31 * clientId.hashCode() + Arrays.hashCode(nodeId);
        }

        @Override
        public String toString() {
            return "Hello[v"
                    + protocolVersion
                    + ", "
                    + clientId
                    + ", "
                    + capabilities
                    + ", port "
                    + listenPort
                    + "]";
        }
    }

    record Disconnect(DisconnectReason reason) implements P2pMessage {
        @Override
        public int code() {
            return DISCONNECT;
        }
    }

    record Ping() implements P2pMessage {
        @Override
        public int code() {
            return PING;
        }
    }

    record Pong() implements P2pMessage {
        @Override
        public int code() {
            return PONG;
        }
    }
}
