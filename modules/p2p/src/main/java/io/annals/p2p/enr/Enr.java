package io.annals.p2p.enr;

import io.annals.core.chain.ForkId;
import io.annals.core.crypto.EcdsaSignature;
import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.Hex;
import io.annals.p2p.identity.Enode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * An Ethereum Node Record (<a href="https://eips.ethereum.org/EIPS/eip-778">EIP-778</a>, <a
 * href="https://github.com/ethereum/devp2p/blob/master/enr.md">devp2p enr.md</a>) of the "v4"
 * identity scheme: {@code rlp([signature, seq, k1, v1, k2, v2, ...])} with the keys sorted and
 * unique, signed by a secp256k1 key over {@code keccak256(rlp([seq, k1, v1, ...]))} (64 bytes, r
 * and s). The record is at most {@link #MAX_SIZE} bytes. Values are kept as their raw RLP, so keys
 * this class does not know survive a decode and re-encode untouched.
 *
 * <p>Known keys: {@code id} ("v4"), {@code secp256k1} (the compressed public key), {@code ip} /
 * {@code ip6}, {@code tcp} / {@code udp} / {@code tcp6} / {@code udp6}, and {@code eth} (<a
 * href="https://github.com/ethereum/devp2p/blob/master/enr-entries/eth.md">enr-entries/eth.md</a>:
 * {@code [[fork-hash, fork-next]]}, the EIP-2124 fork id). Immutable.
 */
public final class Enr {
    public static final int MAX_SIZE = 300;
    public static final String TEXT_PREFIX = "enr:";

    private static final String ID = "id";
    private static final String SCHEME = "v4";
    private static final String KEY = "secp256k1";

    private final long seq;
    private final Map<String, byte[]> pairs;
    private final byte[] signature;
    private final byte[] encoded;
    private final byte[] publicKey;
    private final byte[] nodeId;

    private Enr(
            long seq,
            Map<String, byte[]> pairs,
            byte[] signature,
            byte[] encoded,
            byte[] publicKey) {
        this.seq = seq;
        this.pairs = pairs;
        this.signature = signature;
        this.encoded = encoded;
        this.publicKey = publicKey;
        this.nodeId = Keccak256.hash(publicKey);
    }

    /**
     * Decodes and verifies a record: the one entry point for outside bytes.
     *
     * @throws EnrException naming what is wrong
     */
    public static Enr decode(byte[] rlp) {
        if (rlp.length > MAX_SIZE) {
            throw new EnrException("record of " + rlp.length + " bytes exceeds " + MAX_SIZE);
        }
        try {
            RlpReader top = RlpReader.of(rlp);
            RlpReader list = top.readList();
            top.ensureEnd();
            byte[] signature = list.readBytes();
            int contentStart = list.position();
            long seq = list.readLong();
            TreeMap<String, byte[]> pairs = new TreeMap<>();
            String previous = null;
            while (list.hasNext()) {
                // ISO-8859-1 maps each byte to one char, so String order is the spec's byte order
                String key = new String(list.readBytes(), StandardCharsets.ISO_8859_1);
                if (!list.hasNext()) {
                    throw new EnrException("key " + key + " has no value");
                }
                if (previous != null && previous.compareTo(key) >= 0) {
                    throw new EnrException("keys are not sorted and unique: " + key);
                }
                previous = key;
                pairs.put(key, list.readRaw());
            }
            byte[] content = Arrays.copyOfRange(rlp, contentStart, list.position());
            byte[] publicKey = verify(pairs, signature, listOf(content));
            return new Enr(
                    seq, Collections.unmodifiableMap(pairs), signature, rlp.clone(), publicKey);
        } catch (RlpException e) {
            throw new EnrException("malformed record: " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text form {@code enr:<URL-safe base64 without padding>}.
     *
     * @throws EnrException naming what is wrong
     */
    public static Enr fromText(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith(TEXT_PREFIX)) {
            throw new EnrException("a node record's text starts with enr:");
        }
        String body = trimmed.substring(TEXT_PREFIX.length());
        if (body.length() > (MAX_SIZE * 4 + 2) / 3 || body.indexOf('=') >= 0) {
            throw new EnrException(
                    "not an unpadded base64 record of at most " + MAX_SIZE + " bytes");
        }
        try {
            return decode(Base64.getUrlDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new EnrException("not URL-safe base64: " + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static byte[] verify(Map<String, byte[]> pairs, byte[] signature, byte[] content) {
        byte[] id = pairs.get(ID);
        if (id == null) {
            throw new EnrException("record has no identity scheme (id)");
        }
        String scheme = stringValue(id);
        if (!SCHEME.equals(scheme)) {
            throw new EnrException("unsupported identity scheme " + scheme);
        }
        byte[] compressed = pairs.get(KEY);
        if (compressed == null) {
            throw new EnrException("v4 record has no secp256k1 key");
        }
        byte[] publicKey;
        try {
            publicKey = Secp256k1.decompress(bytesValue(compressed));
        } catch (IllegalArgumentException e) {
            throw new EnrException("bad secp256k1 key: " + e.getMessage(), e);
        }
        if (signature.length != 64) {
            throw new EnrException("v4 signature must be 64 bytes, got " + signature.length);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (!Secp256k1.verify(Keccak256.hash(content), r, s, publicKey)) {
            throw new EnrException("signature does not match the record's key");
        }
        return publicKey;
    }

    private static byte[] listOf(byte[] payload) {
        RlpWriter writer = new RlpWriter(payload.length + 4);
        int mark = writer.startList();
        writer.writeRaw(payload);
        writer.endList(mark);
        return writer.toByteArray();
    }

    public long seq() {
        return seq;
    }

    /** The 64-byte public key: the devp2p node id of enode URLs and RLPx. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** keccak256 of the public key: the node's id in the Kademlia table. */
    public byte[] nodeId() {
        return nodeId.clone();
    }

    /** The raw RLP of the value under {@code key}, if present. */
    public Optional<byte[]> get(String key) {
        byte[] value = pairs.get(key);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    public Optional<InetAddress> ip() {
        return address("ip", 4);
    }

    public Optional<InetAddress> ip6() {
        return address("ip6", 16);
    }

    public OptionalInt tcp() {
        return port("tcp");
    }

    public OptionalInt udp() {
        return port("udp");
    }

    public OptionalInt tcp6() {
        return port("tcp6");
    }

    public OptionalInt udp6() {
        return port("udp6");
    }

    /**
     * The EIP-2124 fork id of the {@code eth} entry; empty when there is none or it is malformed
     * (additional list elements are ignored, as enr-entries/eth.md asks).
     */
    public Optional<ForkId> eth() {
        byte[] value = pairs.get("eth");
        if (value == null) {
            return Optional.empty();
        }
        try {
            RlpReader entry = RlpReader.list(value);
            return Optional.of(ForkId.readFrom(entry));
        } catch (RlpException e) {
            return Optional.empty();
        }
    }

    /** The enode URL of the record's IPv4 (else IPv6) endpoint, when it has an address and TCP. */
    public Optional<Enode> enode() {
        Optional<InetAddress> v4 = ip();
        OptionalInt tcp = tcp();
        if (v4.isPresent() && tcp.isPresent() && tcp.getAsInt() != 0) {
            return Optional.of(
                    new Enode(
                            publicKey,
                            v4.get().getHostAddress(),
                            tcp.getAsInt(),
                            udp().orElse(tcp.getAsInt())));
        }
        Optional<InetAddress> v6 = ip6();
        OptionalInt tcp6 = tcp6().isPresent() ? tcp6() : tcp;
        if (v6.isPresent() && tcp6.isPresent() && tcp6.getAsInt() != 0) {
            OptionalInt udp6 = udp6().isPresent() ? udp6() : udp();
            return Optional.of(
                    new Enode(
                            publicKey,
                            v6.get().getHostAddress(),
                            tcp6.getAsInt(),
                            udp6.orElse(tcp6.getAsInt())));
        }
        return Optional.empty();
    }

    /** The record's RLP, exactly as decoded or signed. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** {@code enr:} and the record in URL-safe base64 without padding. */
    public String toText() {
        return TEXT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(encoded);
    }

    /**
     * Whether this record says the same as another apart from seq and signature (same keys and
     * values).
     */
    public boolean sameContent(Enr other) {
        if (!pairs.keySet().equals(other.pairs.keySet())) {
            return false;
        }
        return pairs.entrySet().stream()
                .allMatch(e -> Arrays.equals(e.getValue(), other.pairs.get(e.getKey())));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Enr other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Enr[seq="
                + Long.toUnsignedString(seq)
                + ", id="
                + Hex.encode(publicKey).substring(0, 16)
                + "…, "
                + String.join(",", pairs.keySet())
                + "]";
    }

    private Optional<InetAddress> address(String key, int size) {
        byte[] value = pairs.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = bytesValue(value);
            return bytes.length == size
                    ? Optional.of(InetAddress.getByAddress(bytes))
                    : Optional.empty();
        } catch (RlpException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    private OptionalInt port(String key) {
        byte[] value = pairs.get(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            long port = RlpReader.of(value).readLong();
            return port >= 0 && port <= 0xffff ? OptionalInt.of((int) port) : OptionalInt.empty();
        } catch (RlpException e) {
            return OptionalInt.empty();
        }
    }

    private static byte[] bytesValue(byte[] raw) {
        RlpReader reader = RlpReader.of(raw);
        byte[] bytes = reader.readBytes();
        reader.ensureEnd();
        return bytes;
    }

    private static String stringValue(byte[] raw) {
        try {
            return new String(bytesValue(raw), StandardCharsets.UTF_8);
        } catch (RlpException e) {
            throw new EnrException("identity scheme is not a string", e);
        }
    }

    /** Builds and signs a record. Keys may be set in any order; they are sorted when signing. */
    public static final class Builder {
        private final TreeMap<String, byte[]> pairs = new TreeMap<>();
        private long seq = 1;

        private Builder() {}

        public Builder seq(long seq) {
            this.seq = seq;
            return this;
        }

        /** Sets {@code ip} or {@code ip6} by the address's family. */
        public Builder ip(InetAddress address) {
            byte[] bytes = address.getAddress();
            return putBytes(bytes.length == 4 ? "ip" : "ip6", bytes);
        }

        public Builder tcp(int port) {
            return putLong("tcp", port);
        }

        public Builder udp(int port) {
            return putLong("udp", port);
        }

        public Builder eth(ForkId forkId) {
            RlpWriter writer = new RlpWriter(24);
            int mark = writer.startList();
            forkId.writeTo(writer);
            writer.endList(mark);
            return putRaw("eth", writer.toByteArray());
        }

        public Builder putBytes(String key, byte[] value) {
            return putRaw(key, new RlpWriter(value.length + 4).writeBytes(value).toByteArray());
        }

        public Builder putLong(String key, long value) {
            return putRaw(key, new RlpWriter(12).writeLong(value).toByteArray());
        }

        /** Sets a value given as one RLP item. */
        public Builder putRaw(String key, byte[] rlpItem) {
            if (key.equals(ID) || key.equals(KEY)) {
                throw new IllegalArgumentException(key + " is set by sign()");
            }
            pairs.put(key, rlpItem.clone());
            return this;
        }

        /**
         * Signs with the node's private key; the record gets {@code id = "v4"} and its key.
         *
         * @throws EnrException when the record would exceed {@link #MAX_SIZE} bytes
         */
        public Enr sign(byte[] privateKey) {
            TreeMap<String, byte[]> all = new TreeMap<>(pairs);
            all.put(
                    ID,
                    new RlpWriter(4)
                            .writeBytes(SCHEME.getBytes(StandardCharsets.UTF_8))
                            .toByteArray());
            byte[] compressed = Secp256k1.compress(Secp256k1.publicKeyOf(privateKey));
            all.put(KEY, new RlpWriter(36).writeBytes(compressed).toByteArray());
            RlpWriter content = new RlpWriter(MAX_SIZE);
            int mark = content.startList();
            writeItems(content, all);
            content.endList(mark);
            EcdsaSignature signature =
                    Secp256k1.sign(Keccak256.hash(content.toByteArray()), privateKey);
            byte[] sig = Arrays.copyOf(signature.toBytes65(), 64);
            RlpWriter record = new RlpWriter(MAX_SIZE);
            int outer = record.startList();
            record.writeBytes(sig);
            writeItems(record, all);
            record.endList(outer);
            byte[] encoded = record.toByteArray();
            if (encoded.length > MAX_SIZE) {
                throw new EnrException(
                        "record of " + encoded.length + " bytes exceeds " + MAX_SIZE);
            }
            return decode(encoded);
        }

        private void writeItems(RlpWriter writer, TreeMap<String, byte[]> all) {
            writer.writeLong(seq);
            all.forEach(
                    (key, value) -> {
                        writer.writeBytes(key.getBytes(StandardCharsets.ISO_8859_1));
                        writer.writeRaw(value);
                    });
        }
    }
}
