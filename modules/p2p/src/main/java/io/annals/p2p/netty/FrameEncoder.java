package io.annals.p2p.netty;

import io.annals.p2p.rlpx.EgressFramer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Seals frame data ({@code byte[]}) into RLPx frames, straight into a heap buffer of the exact
 * frame length (the JDK cipher works on arrays, so a direct buffer would cost a copy).
 */
final class FrameEncoder extends MessageToByteEncoder<byte[]> {
    private final EgressFramer framer;

    FrameEncoder(EgressFramer framer) {
        super(byte[].class, false);
        this.framer = framer;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, byte[] data, boolean preferDirect) {
        return ctx.alloc().heapBuffer(EgressFramer.frameLength(data.length));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] data, ByteBuf out) {
        int length = EgressFramer.frameLength(data.length);
        out.ensureWritable(length);
        if (out.hasArray()) {
            framer.seal(data, 0, data.length, out.array(), out.arrayOffset() + out.writerIndex());
            out.writerIndex(out.writerIndex() + length);
        } else {
            out.writeBytes(framer.seal(data));
        }
    }
}
