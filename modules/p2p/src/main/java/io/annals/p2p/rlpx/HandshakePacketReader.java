package io.annals.p2p.rlpx;

import java.util.Arrays;

/**
 * Finds and decrypts the next handshake packet in a byte stream, in either format.
 *
 * <p>An EIP-8 packet is {@code size (2 bytes, big-endian) || ecies(body, authdata = size)}. A
 * pre-EIP-8 packet is a bare ECIES message of fixed size (307 bytes for auth, 210 for ack), which
 * always begins with 0x04, the tag of its uncompressed ephemeral key. So a first byte other than
 * 0x04 means EIP-8; after 0x04 we try the legacy size first and fall back to EIP-8 (whose size
 * would then be at least 1026 bytes), as <a href="https://eips.ethereum.org/EIPS/eip-8">EIP-8</a>
 * suggests. The reader remembers a failed legacy attempt so that a slowly arriving packet costs one
 * ECDH, not one per read.
 */
final class HandshakePacketReader {
    /** Decrypted packet: its full bytes as sent (the MAC states absorb them) and the plaintext. */
    record Packet(byte[] bytes, byte[] plaintext, boolean legacy) {}

    private final int legacySize;
    private boolean legacyRuledOut;

    HandshakePacketReader(int legacySize) {
        this.legacySize = legacySize;
    }

    /**
     * How many bytes the next attempt to {@link #read} needs, judged from the first two bytes of
     * the stream; lets a transport wait without copying its buffer on every read.
     */
    int bytesNeeded(int firstByte, int secondByte) {
        if (firstByte == 0x04 && !legacyRuledOut) {
            return legacySize;
        }
        return ((firstByte & 0xff) << 8 | (secondByte & 0xff)) + 2;
    }

    /**
     * Returns the packet at the start of the input, or null when more bytes are needed.
     *
     * @throws HandshakeException when the bytes cannot be a handshake packet for our key
     */
    Packet read(byte[] privateKey, byte[] data, int offset, int length) {
        if (length < 2) {
            return null;
        }
        if (data[offset] == 0x04 && !legacyRuledOut) {
            if (length < legacySize) {
                return null;
            }
            try {
                byte[] plaintext = Ecies.decrypt(privateKey, data, offset, legacySize, new byte[0]);
                return new Packet(
                        Arrays.copyOfRange(data, offset, offset + legacySize), plaintext, true);
            } catch (HandshakeException notLegacy) {
                legacyRuledOut = true;
            }
        }
        int size = ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff);
        if (size < Ecies.OVERHEAD) {
            throw new HandshakeException(
                    "handshake packet size " + size + " is below the ECIES overhead");
        }
        if (length < size + 2) {
            return null;
        }
        byte[] prefix = Arrays.copyOfRange(data, offset, offset + 2);
        byte[] plaintext = Ecies.decrypt(privateKey, data, offset + 2, size, prefix);
        return new Packet(Arrays.copyOfRange(data, offset, offset + 2 + size), plaintext, false);
    }
}
