package io.annals.p2p.discv4;

import io.annals.core.util.Hex;
import io.annals.p2p.enr.Enr;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The six discv4 packets (<a href="https://github.com/ethereum/devp2p/blob/master/discv4.md">devp2p
 * discv4.md</a>, with ENRRequest and ENRResponse from <a
 * href="https://eips.ethereum.org/EIPS/eip-868">EIP-868</a>). Expirations are absolute UNIX times
 * in seconds; {@link PacketCodec} signs and decodes them.
 */
public sealed interface Packet
        permits Packet.Ping,
                Packet.Pong,
                Packet.FindNode,
                Packet.Neighbors,
                Packet.EnrRequest,
                Packet.EnrResponse {

    /** The packet-type byte. */
    int type();

    /** When the packet expires (UNIX seconds); an ENRResponse carries none and answers 0. */
    long expiration();

    int PING = 0x01;
    int PONG = 0x02;
    int FIND_NODE = 0x03;
    int NEIGHBORS = 0x04;
    int ENR_REQUEST = 0x05;
    int ENR_RESPONSE = 0x06;

    /** Protocol version 4; received versions are ignored (EIP-8). */
    int VERSION = 4;

    /** {@code [version, from, to, expiration, enr-seq ...]} */
    record Ping(int version, Endpoint from, Endpoint to, long expiration, OptionalLong enrSeq)
            implements Packet {
        public Ping {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            Objects.requireNonNull(enrSeq);
        }

        @Override
        public int type() {
            return PING;
        }
    }

    /** {@code [to, ping-hash, expiration, enr-seq, ...]}: {@code to} is where we saw the pinger. */
    record Pong(Endpoint to, byte[] pingHash, long expiration, OptionalLong enrSeq)
            implements Packet {
        public Pong {
            Objects.requireNonNull(to);
            pingHash = pingHash.clone();
            Objects.requireNonNull(enrSeq);
        }

        @Override
        public byte[] pingHash() {
            return pingHash.clone();
        }

        @Override
        public int type() {
            return PONG;
        }

        @Override
        public String toString() {
            return "Pong[to=" + to + ", ping=" + Hex.encode(pingHash).substring(0, 8) + "…]";
        }
    }

    /** {@code [target, expiration, ...]}: the nodes closest to a 64-byte public key. */
    record FindNode(byte[] target, long expiration) implements Packet {
        public FindNode {
            if (target.length != 64) {
                throw new IllegalArgumentException("a FindNode target is 64 bytes");
            }
            target = target.clone();
        }

        @Override
        public byte[] target() {
            return target.clone();
        }

        @Override
        public int type() {
            return FIND_NODE;
        }

        @Override
        public String toString() {
            return "FindNode[" + Hex.encode(target).substring(0, 8) + "…]";
        }
    }

    /** {@code [[ip, udp-port, tcp-port, node-id], ...]}: one node of a Neighbors answer. */
    record NodeEntry(Endpoint endpoint, byte[] publicKey) {
        public NodeEntry {
            Objects.requireNonNull(endpoint);
            if (publicKey.length != 64) {
                throw new IllegalArgumentException("a node id is 64 bytes");
            }
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public String toString() {
            return Hex.encode(publicKey).substring(0, 8) + "…@" + endpoint;
        }
    }

    /** {@code [nodes, expiration, ...]} */
    record Neighbors(List<NodeEntry> nodes, long expiration) implements Packet {
        public Neighbors {
            nodes = List.copyOf(nodes);
        }

        @Override
        public int type() {
            return NEIGHBORS;
        }
    }

    /** {@code [expiration]} */
    record EnrRequest(long expiration) implements Packet {
        @Override
        public int type() {
            return ENR_REQUEST;
        }
    }

    /** {@code [request-hash, ENR]} */
    record EnrResponse(byte[] requestHash, Enr record) implements Packet {
        public EnrResponse {
            requestHash = requestHash.clone();
            Objects.requireNonNull(record);
        }

        @Override
        public byte[] requestHash() {
            return requestHash.clone();
        }

        @Override
        public int type() {
            return ENR_RESPONSE;
        }

        @Override
        public long expiration() {
            return 0;
        }

        @Override
        public String toString() {
            return "EnrResponse[" + record + "]";
        }
    }
}
