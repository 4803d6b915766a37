package io.annals.p2p.netty;

import io.annals.core.rlp.RlpException;
import io.annals.p2p.rlpx.RlpxException;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.MessageException;
import io.netty.handler.codec.CodecException;
import java.io.IOException;
import org.slf4j.event.Level;

/**
 * The one place that decides what an exception on a connection means (after Besu's {@code
 * DeFramer.exceptionCaught}): a protocol breach by the peer ends the session with a Disconnect
 * reason and a debug line; an I/O error means the socket is gone (debug, nothing to send); anything
 * else is a bug on our side and is logged as an error. Every case closes the connection.
 */
final class FailureClassifier {
    /**
     * @param reason the Disconnect reason (also reported by {@code closed()})
     * @param notifyPeer whether a Disconnect can and should be sent before closing
     * @param level how loudly to log it
     */
    record Failure(DisconnectReason reason, boolean notifyPeer, Level level, Throwable cause) {}

    private FailureClassifier() {}

    static Failure classify(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof MessageException message) {
            return new Failure(message.reason(), true, Level.DEBUG, cause);
        }
        if (cause instanceof RlpxException || cause instanceof RlpException) {
            return new Failure(DisconnectReason.BREACH_OF_PROTOCOL, true, Level.DEBUG, cause);
        }
        if (cause instanceof PeerTimeoutException) {
            return new Failure(DisconnectReason.TIMEOUT, true, Level.DEBUG, cause);
        }
        if (cause instanceof IOException) {
            return new Failure(DisconnectReason.TCP_SUBSYSTEM_ERROR, false, Level.DEBUG, cause);
        }
        return new Failure(DisconnectReason.DISCONNECT_REQUESTED, true, Level.ERROR, cause);
    }

    /** Netty wraps decoder and encoder failures; the peer's fault is the cause inside. */
    private static Throwable unwrap(Throwable thrown) {
        Throwable cause = thrown;
        while (cause instanceof CodecException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
