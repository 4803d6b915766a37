package io.annals.p2p.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.rlp.Rlp;
import io.annals.core.util.Bytes;
import io.annals.p2p.rlpx.EgressFramer;
import io.annals.p2p.rlpx.FrameException;
import io.annals.p2p.rlpx.HandshakeRoundTrip;
import io.annals.p2p.rlpx.IngressFramer;
import io.annals.p2p.wire.SnappyCompression;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inbound half of a session's pipeline: encrypted bytes to frames to messages. */
class FramePipelineTest {
    private static final int MAX = 16 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void messagesSurviveAnySplitOfTheStreamAndEveryFrameIsReleased(boolean directReads) {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        EgressFramer sender = new EgressFramer(run.initiator(), MAX);
        Pipeline pipeline = new Pipeline(new IngressFramer(run.recipient(), MAX));
        Random random = new Random(7);
        List<WireMessage> sent = new ArrayList<>();
        ByteBuf stream = Unpooled.buffer();
        for (int size : new int[] {0, 1, 17, 4_096, 700_000, 3 << 20}) {
            // incompressible data keeps large payloads large on the wire (frames of megabytes)
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            WireMessage message = new WireMessage(0x10 + sent.size(), payload);
            sent.add(message);
            stream.writeBytes(sender.seal(frameOf(message)));
        }

        List<ByteBuf> reads = new ArrayList<>();
        while (stream.isReadable()) {
            int chunk = Math.min(stream.readableBytes(), 1 + random.nextInt(300_000));
            ByteBuf read = directReads ? Unpooled.directBuffer(chunk) : Unpooled.buffer(chunk);
            stream.readBytes(read, chunk);
            reads.add(read);
            pipeline.channel.writeInbound(read);
        }
        assertThat(reads).allSatisfy(read -> assertThat(read.refCnt()).isZero());

        List<WireMessage> received = pipeline.messages();
        assertThat(received).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(received.get(i).id()).isEqualTo(sent.get(i).id());
            assertThat(received.get(i).payload()).isEqualTo(sent.get(i).payload());
        }
        assertThat(pipeline.frames).hasSameSizeAs(sent);
        assertThat(pipeline.frames).allSatisfy(frame -> assertThat(frame.refCnt()).isZero());
        pipeline.channel.finishAndReleaseAll();
    }

    @Test
    void aTamperedFrameNeverReachesTheCodecAndWhatFollowsIsDropped() {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);
        EgressFramer sender = new EgressFramer(run.initiator(), MAX);
        Pipeline pipeline = new Pipeline(new IngressFramer(run.recipient(), MAX));
        byte[] good = sender.seal(frameOf(new WireMessage(0x10, new byte[1000])));
        byte[] bad = sender.seal(frameOf(new WireMessage(0x11, new byte[1000])));
        bad[IngressFramer.HEADER_SIZE + 5] ^= 1;
        byte[] after = sender.seal(frameOf(new WireMessage(0x12, new byte[10])));

        pipeline.channel.writeInbound(Unpooled.wrappedBuffer(good));
        assertThatThrownBy(() -> pipeline.channel.writeInbound(Unpooled.wrappedBuffer(bad)))
                .hasCauseInstanceOf(FrameException.class)
                .hasMessageContaining("frame MAC mismatch");
        pipeline.channel.writeInbound(Unpooled.wrappedBuffer(after));

        assertThat(pipeline.messages()).extracting(WireMessage::id).containsExactly(0x10);
        assertThat(pipeline.frames).hasSize(1);
        pipeline.channel.finishAndReleaseAll();
    }

    private static byte[] frameOf(WireMessage message) {
        return Bytes.concat(
                Rlp.encodeLong(message.id()), SnappyCompression.compress(message.payload()));
    }

    /** FrameDecoder, a tap that keeps every frame it passes on, and MessageCodec with Snappy. */
    private static final class Pipeline {
        final List<OpenedFrame> frames = new ArrayList<>();
        final EmbeddedChannel channel;

        Pipeline(IngressFramer framer) {
            MessageCodec codec = new MessageCodec(MAX, MAX);
            codec.enableCompression();
            channel = new EmbeddedChannel();
            channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
            channel.pipeline()
                    .addLast(
                            new FrameDecoder(framer),
                            new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    frames.add((OpenedFrame) msg);
                                    ctx.fireChannelRead(msg);
                                }
                            },
                            codec);
        }

        List<WireMessage> messages() {
            List<WireMessage> messages = new ArrayList<>();
            for (Object message; (message = channel.readInbound()) != null; ) {
                messages.add((WireMessage) message);
            }
            return messages;
        }
    }
}
