package io.annals.p2p.discv4;

import io.annals.core.crypto.EcdsaSignature;
import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.enr.EnrException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Encodes and decodes discv4 datagrams, pure code over bytes: {@code hash || signature ||
 * packet-type || packet-data} with {@code hash = keccak256(signature || packet-type ||
 * packet-data)} and the signature (r, s, recovery id) over {@code keccak256(packet-type ||
 * packet-data)}.
 *
 * <p>Decoding follows EIP-8's forward compatibility: additional list elements and any data after
 * the list are ignored, the Ping version is not checked, and integers are read leniently (leading
 * zero bytes are accepted: ethereumjs sends ports and expirations as fixed-width byte strings).
 * What decoding does check: the datagram is between {@link #MIN_SIZE} and {@link #MAX_SIZE} bytes
 * (discv4.md: "the maximum size of any packet is 1280 bytes"), the hash matches, the signature
 * recovers a key, the type is known, and the fields the packet needs are present and well formed. A
 * Neighbors packet holds at most {@link #MAX_NEIGHBORS} nodes.
 */
public final class PacketCodec {
    public static final int MAX_SIZE = 1280;
    static final int HEADER_SIZE = 32 + 65 + 1;
    public static final int MIN_SIZE = HEADER_SIZE + 1;

    /**
     * Nodes per Neighbors packet: 12 IPv6 entries (about 90 bytes each) fit in 1280 bytes, as in
     * go-ethereum's v4wire.
     */
    public static final int MAX_NEIGHBORS_SENT = 12;

    /** Nodes accepted in one received Neighbors packet (k). */
    public static final int MAX_NEIGHBORS = 16;

    private PacketCodec() {}

    /** A decoded packet with who signed it and its hash (what a Pong or ENRResponse echoes). */
    public record Decoded(Packet packet, byte[] senderPublicKey, byte[] hash) {}

    /** Signs and encodes a packet. */
    public static byte[] encode(Packet packet, byte[] privateKey) {
        RlpWriter data = new RlpWriter(256);
        writeData(data, packet);
        byte[] typeAndData = new byte[1 + data.size()];
        typeAndData[0] = (byte) packet.type();
        System.arraycopy(data.buffer(), 0, typeAndData, 1, data.size());
        EcdsaSignature signature = Secp256k1.sign(Keccak256.hash(typeAndData), privateKey);
        byte[] out = new byte[32 + 65 + typeAndData.length];
        System.arraycopy(signature.toBytes65(), 0, out, 32, 65);
        System.arraycopy(typeAndData, 0, out, 97, typeAndData.length);
        Keccak256.hashInto(out, 32, out.length - 32, out, 0);
        if (out.length > MAX_SIZE) {
            throw new IllegalArgumentException(
                    "packet of " + out.length + " bytes exceeds " + MAX_SIZE);
        }
        return out;
    }

    /**
     * Decodes and authenticates a datagram: the one entry point for received bytes.
     *
     * @throws PacketException naming what is wrong
     */
    public static Decoded decode(byte[] datagram) {
        if (datagram.length < MIN_SIZE || datagram.length > MAX_SIZE) {
            throw new PacketException("datagram of " + datagram.length + " bytes");
        }
        byte[] hash = Keccak256.hash(datagram, 32, datagram.length - 32);
        if (!MessageDigest.isEqual(hash, Arrays.copyOf(datagram, 32))) {
            throw new PacketException("hash does not match");
        }
        byte[] digest = Keccak256.hash(datagram, 97, datagram.length - 97);
        EcdsaSignature signature;
        try {
            signature = EcdsaSignature.fromBytes65(Arrays.copyOfRange(datagram, 32, 97));
        } catch (IllegalArgumentException e) {
            throw new PacketException("bad signature: " + e.getMessage(), e);
        }
        if (signature.recoveryId() > 1) {
            throw new PacketException("bad recovery id " + signature.recoveryId());
        }
        byte[] sender =
                Secp256k1.recoverPublicKey(digest, signature)
                        .orElseThrow(() -> new PacketException("signature recovers no key"));
        int type = datagram[97] & 0xff;
        try {
            RlpReader fields = RlpReader.of(datagram, 98, datagram.length - 98).readList();
            Packet packet =
                    switch (type) {
                        case Packet.PING -> readPing(fields);
                        case Packet.PONG -> readPong(fields);
                        case Packet.FIND_NODE -> readFindNode(fields);
                        case Packet.NEIGHBORS -> readNeighbors(fields);
                        case Packet.ENR_REQUEST -> new Packet.EnrRequest(readUnsigned(fields, 8));
                        case Packet.ENR_RESPONSE -> readEnrResponse(fields);
                        default -> throw new PacketException("unknown packet type " + type);
                    };
            return new Decoded(packet, sender, hash);
        } catch (RlpException | IllegalArgumentException e) {
            throw new PacketException(
                    "malformed packet of type " + type + ": " + e.getMessage(), e);
        }
    }

    private static void writeData(RlpWriter w, Packet packet) {
        int list = w.startList();
        if (packet instanceof Packet.Ping ping) {
            w.writeLong(ping.version());
            writeEndpoint(w, ping.from());
            writeEndpoint(w, ping.to());
            w.writeLong(ping.expiration());
            ping.enrSeq().ifPresent(w::writeLong);
        } else if (packet instanceof Packet.Pong pong) {
            writeEndpoint(w, pong.to());
            w.writeBytes(pong.pingHash());
            w.writeLong(pong.expiration());
            pong.enrSeq().ifPresent(w::writeLong);
        } else if (packet instanceof Packet.FindNode find) {
            w.writeBytes(find.target());
            w.writeLong(find.expiration());
        } else if (packet instanceof Packet.Neighbors neighbors) {
            int nodes = w.startList();
            for (Packet.NodeEntry node : neighbors.nodes()) {
                int entry = w.startList();
                writeEndpointFields(w, node.endpoint());
                w.writeBytes(node.publicKey());
                w.endList(entry);
            }
            w.endList(nodes);
            w.writeLong(neighbors.expiration());
        } else if (packet instanceof Packet.EnrRequest request) {
            w.writeLong(request.expiration());
        } else if (packet instanceof Packet.EnrResponse response) {
            w.writeBytes(response.requestHash());
            w.writeRaw(response.record().encoded());
        }
        w.endList(list);
    }

    private static void writeEndpoint(RlpWriter w, Endpoint endpoint) {
        int mark = w.startList();
        writeEndpointFields(w, endpoint);
        w.endList(mark);
    }

    private static void writeEndpointFields(RlpWriter w, Endpoint endpoint) {
        w.writeBytes(endpoint.ip().getAddress());
        w.writeLong(endpoint.udpPort());
        w.writeLong(endpoint.tcpPort());
    }

    private static Packet.Ping readPing(RlpReader f) {
        long version = readUnsigned(f, 8);
        Endpoint from = readEndpoint(f.readList());
        Endpoint to = readEndpoint(f.readList());
        long expiration = readUnsigned(f, 8);
        return new Packet.Ping(
                (int) Math.min(Integer.MAX_VALUE, version), from, to, expiration, optionalSeq(f));
    }

    private static Packet.Pong readPong(RlpReader f) {
        Endpoint to = readEndpoint(f.readList());
        byte[] pingHash = f.readFixed(32, "ping hash");
        long expiration = readUnsigned(f, 8);
        return new Packet.Pong(to, pingHash, expiration, optionalSeq(f));
    }

    private static Packet.FindNode readFindNode(RlpReader f) {
        byte[] target = f.readFixed(64, "target");
        return new Packet.FindNode(target, readUnsigned(f, 8));
    }

    private static Packet.Neighbors readNeighbors(RlpReader f) {
        RlpReader nodes = f.readList();
        List<Packet.NodeEntry> entries = new ArrayList<>();
        while (nodes.hasNext()) {
            if (entries.size() == MAX_NEIGHBORS) {
                throw new PacketException("more than " + MAX_NEIGHBORS + " neighbors");
            }
            RlpReader node = nodes.readList();
            Endpoint endpoint = readEndpointFields(node);
            entries.add(new Packet.NodeEntry(endpoint, node.readFixed(64, "node id")));
        }
        return new Packet.Neighbors(entries, readUnsigned(f, 8));
    }

    private static Packet.EnrResponse readEnrResponse(RlpReader f) {
        byte[] requestHash = f.readFixed(32, "request hash");
        ByteSlice record = f.readRawSlice();
        try {
            return new Packet.EnrResponse(requestHash, Enr.decode(record.toArray()));
        } catch (EnrException e) {
            throw new PacketException("ENRResponse with a bad record: " + e.getMessage(), e);
        }
    }

    private static Endpoint readEndpoint(RlpReader endpoint) {
        return readEndpointFields(endpoint);
    }

    /** ip, udp, tcp; an address of another length than 4 or 16 bytes reads as 0.0.0.0. */
    private static Endpoint readEndpointFields(RlpReader f) {
        byte[] ip = f.readBytes();
        int udp = (int) readPort(f);
        int tcp = (int) readPort(f);
        InetAddress address;
        try {
            address =
                    InetAddress.getByAddress(ip.length == 4 || ip.length == 16 ? ip : new byte[4]);
        } catch (UnknownHostException e) {
            throw new PacketException("bad address", e);
        }
        return new Endpoint(address, udp, tcp);
    }

    private static long readPort(RlpReader f) {
        long port = readUnsigned(f, 2);
        if (port > 0xffff) {
            throw new PacketException("port " + port + " out of range");
        }
        return port;
    }

    /**
     * The enr-seq field is optional, and old packets put other things there: kept only if valid.
     */
    private static OptionalLong optionalSeq(RlpReader f) {
        if (!f.hasNext() || f.nextIsList() || f.nextPayloadLength() > 8) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(readUnsigned(f, 8));
    }

    /** A big-endian unsigned integer of at most {@code maxBytes} bytes, leading zeros allowed. */
    private static long readUnsigned(RlpReader f, int maxBytes) {
        ByteSlice bytes = f.readSlice();
        if (bytes.length() > maxBytes) {
            throw new PacketException(
                    "integer of " + bytes.length() + " bytes, at most " + maxBytes + " expected");
        }
        long value = 0;
        for (int i = 0; i < bytes.length(); i++) {
            value = value << 8 | (bytes.get(i) & 0xff);
        }
        return value;
    }
}
