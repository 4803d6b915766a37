package io.annals.p2p.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One frame's data, verified and decrypted ({@code rlp(msg-id) || msg-data}), in a pooled buffer:
 * whoever takes it releases it ({@link MessageCodec} does, as Netty's decoders release what they
 * decode). A type of its own, so that no other buffer in the pipeline is read as a frame.
 */
final class OpenedFrame extends DefaultByteBufHolder {
    OpenedFrame(ByteBuf data) {
        super(data);
    }
}
