package io.annals.p2p.netty;

import io.annals.p2p.rlpx.FrameException;
import io.annals.p2p.rlpx.IngressFramer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Turns the encrypted byte stream into frame data ({@code byte[]}). It reads a header as soon as 32
 * bytes are there, which fixes the body length (refusing frames above the maximum before buffering
 * them), then waits for the whole body. After a bad MAC the stream is unusable: the decoder drops
 * everything that follows while the session handler disconnects.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private final IngressFramer framer;
    private int frameSize = -1;
    private boolean failed;

    FrameDecoder(IngressFramer framer) {
        this.framer = framer;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            if (frameSize < 0) {
                if (in.readableBytes() < IngressFramer.HEADER_SIZE) {
                    return;
                }
                byte[] header = new byte[IngressFramer.HEADER_SIZE];
                in.readBytes(header);
                frameSize = framer.openHeader(header, 0);
            }
            int bodyLength = IngressFramer.bodyLength(frameSize);
            if (in.readableBytes() < bodyLength) {
                return;
            }
            byte[] body = new byte[bodyLength];
            in.readBytes(body);
            out.add(framer.openBody(body, 0, frameSize));
            frameSize = -1;
        } catch (FrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}
