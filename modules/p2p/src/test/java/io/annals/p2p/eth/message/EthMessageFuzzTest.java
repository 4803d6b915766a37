package io.annals.p2p.eth.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.rlp.RlpException;
import io.annals.core.testing.FuzzContract;
import java.util.Arrays;

/**
 * Every eth message of eth/68, eth/69 and eth/70 (<a
 * href="https://github.com/ethereum/devp2p/blob/master/caps/eth.md">caps/eth.md</a>): the first
 * input byte picks the version ({@code b % 3}) and the message code ({@code b / 3}), the rest is
 * the message data. Decoding fails only with {@link RlpException}, within the item bounds, and a
 * decoded message encodes to data that decodes and encodes to the same bytes again.
 */
class EthMessageFuzzTest {
    private static final int[] VERSIONS = {68, 69, 70};
    private static final int MAX_ITEMS = 1024;
    private static final FuzzContract CONTRACT = FuzzContract.of(64, RlpException.class);

    /**
     * A Status whose version field is not the negotiated one decodes (StatusCheck then refuses the
     * peer, SubprotocolReason), and is never sent: the encoder refuses it, so it has no round trip.
     */
    private static boolean foreignStatus(EthMessage message, int version) {
        return message instanceof EthMessage.Status status
                && (version == 68 ? status.version() != 68 : status.version() < 69);
    }

    @FuzzTest
    void decodesEthMessagesOrFailsWithRlpException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int selector = input[0] & 0xff;
        int version = VERSIONS[selector % VERSIONS.length];
        int code = selector / VERSIONS.length % (EthMessageCodes.BLOCK_RANGE_UPDATE + 1);
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        EthDecoder decoder = new EthDecoder(version, MAX_ITEMS, MAX_ITEMS);
        EthMessage message = CONTRACT.decode(payload.length, () -> decoder.decode(code, payload));
        if (message == null
                || message instanceof EthMessage.Ignored
                || foreignStatus(message, version)) {
            return;
        }
        if (message instanceof EthMessage.Response response && response.itemCount() > MAX_ITEMS) {
            throw new AssertionError(response.itemCount() + " items passed the bound");
        }
        EthEncoder encoder = new EthEncoder(version);
        byte[] encoded = encoder.encode(message);
        FuzzContract.requireEqual(
                encoded, encoder.encode(decoder.decode(code, encoded)), "eth/" + version);
    }
}
