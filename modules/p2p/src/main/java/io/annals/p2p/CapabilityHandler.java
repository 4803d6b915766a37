package io.annals.p2p;

import io.annals.p2p.wire.DisconnectReason;

/**
 * Receives one capability's messages on one session. Calls come from the session's I/O thread, in
 * wire order: implementations must not block (hand the message to an actor or a queue).
 */
public interface CapabilityHandler {
    /**
     * An incoming message.
     *
     * @param code the id relative to the capability's offset (eth Status is 0x00)
     * @param payload the uncompressed msg-data (RLP)
     */
    void onMessage(int code, byte[] payload);

    /** The session ended; called once. */
    default void onClose(DisconnectReason reason) {}
}
