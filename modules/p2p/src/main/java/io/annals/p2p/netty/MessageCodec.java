package io.annals.p2p.netty;

import io.annals.core.rlp.Rlp;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.util.Bytes;
import io.annals.p2p.rlpx.IngressFramer;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.MessageException;
import io.annals.p2p.wire.P2pMessage;
import io.annals.p2p.wire.SnappyCompression;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.Arrays;
import java.util.List;

/**
 * Frame data to messages and back: {@code frame-data = rlp(msg-id) || msg-data}, where msg-data is
 * Snappy-compressed once both Hellos are exchanged and the peer speaks p2p version 5 or later (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#message-encoding">rlpx.md, Message
 * Encoding</a>). Inflation is bounded by the declared length check in {@link SnappyCompression}. A
 * Disconnect that does not decompress is read as it is, since some clients send it uncompressed at
 * any time.
 */
final class MessageCodec extends MessageToMessageCodec<OpenedFrame, WireMessage> {
    private final int maxMessageSize;
    private final int maxFrameSize;
    private boolean compression;

    MessageCodec(int maxMessageSize, int maxFrameSize) {
        super(OpenedFrame.class, WireMessage.class);
        this.maxMessageSize = maxMessageSize;
        this.maxFrameSize = Math.min(maxFrameSize, IngressFramer.FORMAT_MAX_FRAME_SIZE);
    }

    /** Called by the session handler, on the I/O thread, when the peer's Hello says version 5+. */
    void enableCompression() {
        compression = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, OpenedFrame opened, List<Object> out) {
        ByteBuf frame = opened.content();
        byte[] data = frame.array();
        int offset = frame.arrayOffset() + frame.readerIndex();
        int length = frame.readableBytes();
        int id;
        int start;
        try {
            RlpReader reader = RlpReader.of(data, offset, length);
            id = reader.readInt();
            start = reader.position();
        } catch (RlpException e) {
            throw new MessageException(
                    DisconnectReason.BREACH_OF_PROTOCOL, "bad message id: " + e.getMessage(), e);
        }
        out.add(new WireMessage(id, payload(id, data, start, offset + length)));
    }

    /** The message data, {@code frame[start, end)}, inflated when compression is on. */
    private byte[] payload(int id, byte[] frame, int start, int end) {
        if (!compression) {
            return Arrays.copyOfRange(frame, start, end);
        }
        if (id == P2pMessage.DISCONNECT) {
            try {
                return SnappyCompression.decompress(frame, start, end - start, maxMessageSize);
            } catch (MessageException uncompressed) {
                return Arrays.copyOfRange(frame, start, end);
            }
        }
        return SnappyCompression.decompress(frame, start, end - start, maxMessageSize);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WireMessage message, List<Object> out) {
        if (message.payload().length > maxMessageSize) {
            throw new IllegalArgumentException(
                    "message of "
                            + message.payload().length
                            + " bytes exceeds the maximum of "
                            + maxMessageSize);
        }
        byte[] data =
                compression ? SnappyCompression.compress(message.payload()) : message.payload();
        byte[] frame = Bytes.concat(Rlp.encodeLong(message.id()), data);
        if (frame.length > maxFrameSize) {
            throw new IllegalArgumentException(
                    "frame of " + frame.length + " bytes exceeds the maximum of " + maxFrameSize);
        }
        out.add(frame);
    }
}
