package io.annals.p2p.netty;

import io.annals.p2p.rlpx.FrameException;
import io.annals.p2p.rlpx.IngressFramer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Turns the encrypted byte stream into frame data. It reads a header as soon as 32 bytes are there,
 * which fixes the body length (refusing frames above the maximum before buffering them), then waits
 * for the whole body. After a bad MAC the stream is unusable: the decoder drops everything that
 * follows while the session handler disconnects.
 *
 * <p>Each frame is an {@link OpenedFrame} in a pooled heap buffer ({@link FrameBuffers}; the next
 * handler releases it), decrypted straight from the received bytes, off the heap or on it. Eth
 * responses are frames of up to a few MiB, and as fresh arrays three copies of each (the body, the
 * JDK cipher's copy of its input, the frame trimmed of its padding) were about a sixth of what a
 * sync allocated.
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
            out.add(new OpenedFrame(open(in, bodyLength)));
            frameSize = -1;
        } catch (FrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** The frame whose body is the next {@code bodyLength} bytes of {@code in}, decrypted. */
    private ByteBuf open(ByteBuf in, int bodyLength) {
        ByteBuf frame = FrameBuffers.allocate(IngressFramer.paddedSize(frameSize));
        try {
            byte[] out = frame.array();
            int outOffset = frame.arrayOffset();
            if (in.hasArray()) {
                framer.openBody(
                        in.array(), in.arrayOffset() + in.readerIndex(), frameSize, out, outOffset);
            } else {
                // a direct read buffer, as Netty reads sockets: decrypted where it lies
                framer.openBody(
                        in.nioBuffer(in.readerIndex(), bodyLength), frameSize, out, outOffset);
            }
            in.skipBytes(bodyLength);
            frame.writerIndex(frameSize);
            ByteBuf opened = frame;
            frame = null;
            return opened;
        } finally {
            if (frame != null) {
                frame.release();
            }
        }
    }
}
