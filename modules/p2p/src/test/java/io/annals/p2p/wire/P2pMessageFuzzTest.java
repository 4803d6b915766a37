package io.annals.p2p.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.testing.FuzzContract;
import java.util.Arrays;

/**
 * The base protocol (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#p2p-capability">rlpx.md, p2p
 * capability</a>): a message's Snappy-compressed data (p2p v5, EIP-706) is inflated within the
 * limit, and Hello, Disconnect, Ping and Pong decode; both fail only with {@link MessageException}.
 * A decoded Hello or Disconnect encodes to data that decodes to the same message (compared as
 * encodings: Hello holds a byte array). The first input byte is the message id (and whether the
 * rest is compressed).
 */
class P2pMessageFuzzTest {
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;
    private static final FuzzContract CONTRACT = FuzzContract.of(64, MessageException.class);

    @FuzzTest
    void decodesBaseMessagesOrFailsWithMessageException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int code = input[0] & 0x0f;
        boolean compressed = (input[0] & 0x10) != 0;
        byte[] data = Arrays.copyOfRange(input, 1, input.length);
        byte[] payload =
                compressed
                        ? CONTRACT.decode(
                                data.length,
                                () ->
                                        SnappyCompression.decompress(
                                                data, 0, data.length, MAX_MESSAGE))
                        : data;
        if (payload == null) {
            return;
        }
        P2pMessage message = CONTRACT.decode(payload.length, () -> P2pCodec.decode(code, payload));
        if (message != null) {
            byte[] encoded = P2pCodec.encode(message);
            FuzzContract.requireEqual(
                    encoded, P2pCodec.encode(P2pCodec.decode(code, encoded)), "base message");
        }
    }
}
