package io.annals.p2p.discv4;

/**
 * A datagram that is not a usable discv4 packet: too short or too long, a hash or signature that
 * does not check, an unknown type, or packet data that does not decode. The one exception of {@link
 * PacketCodec#decode}.
 */
public final class PacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PacketException(String message) {
        super(message);
    }

    public PacketException(String message, Throwable cause) {
        super(message, cause);
    }
}
