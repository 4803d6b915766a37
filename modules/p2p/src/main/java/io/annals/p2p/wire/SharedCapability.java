package io.annals.p2p.wire;

import io.annals.p2p.SubProtocol;

/**
 * A capability both sides speak, with its negotiated version and its range of absolute message ids
 * {@code [offset, offset + messageCount)}.
 */
public record SharedCapability(SubProtocol protocol, int version, int offset, int messageCount) {
    public String name() {
        return protocol.name();
    }

    public boolean owns(int messageId) {
        return messageId >= offset && messageId < offset + messageCount;
    }
}
