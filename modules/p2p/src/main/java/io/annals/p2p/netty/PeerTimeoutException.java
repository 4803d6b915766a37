package io.annals.p2p.netty;

/** The peer did not complete a step (handshake, Hello, Pong) in time. */
final class PeerTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PeerTimeoutException(String message) {
        super(message, null, false, false);
    }
}
