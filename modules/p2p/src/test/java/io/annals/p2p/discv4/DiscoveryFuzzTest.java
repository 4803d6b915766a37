package io.annals.p2p.discv4;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.testing.FuzzContract;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.enr.EnrException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Discovery's outside bytes (<a
 * href="https://github.com/ethereum/devp2p/blob/master/discv4.md">discv4.md</a>, <a
 * href="https://eips.ethereum.org/EIPS/eip-778">EIP-778</a>): the first input byte picks a raw
 * datagram, a datagram whose hash and signature are made valid around the fuzzer's packet type and
 * data (so the packet decoders behind the authentication are reached), or a node record. Datagrams
 * fail only with {@link PacketException}, records only with {@link EnrException}; a record that
 * decodes keeps its exact encoding.
 */
class DiscoveryFuzzTest {
    private static final FuzzContract DATAGRAMS =
            FuzzContract.of(64, 4 << 20, PacketException.class);
    private static final FuzzContract RECORDS = FuzzContract.of(64, 4 << 20, EnrException.class);
    private static final byte[] KEY =
            Secp256k1.generatePrivateKey(new SecureRandom(new byte[] {8}));

    @FuzzTest
    void decodesDatagramsAndRecordsOrFailsWithTheirExceptions(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] data = Arrays.copyOfRange(input, 1, input.length);
        switch ((input[0] & 0xff) % 3) {
            case 0 -> DATAGRAMS.decode(data.length, () -> PacketCodec.decode(data));
            case 1 -> {
                byte[] datagram = signed(data);
                DATAGRAMS.decode(datagram.length, () -> PacketCodec.decode(datagram));
            }
            default -> {
                Enr record = RECORDS.decode(data.length, () -> Enr.decode(data));
                if (record != null) {
                    FuzzContract.requireEqual(data, record.encoded(), "node record");
                }
            }
        }
    }

    /** hash || signature || packet-type || packet-data, as discv4.md frames a packet. */
    private static byte[] signed(byte[] typeAndData) {
        byte[] body =
                Arrays.copyOf(typeAndData, Math.min(typeAndData.length, PacketCodec.MAX_SIZE - 97));
        byte[] out = new byte[97 + body.length];
        System.arraycopy(Secp256k1.sign(Keccak256.hash(body), KEY).toBytes65(), 0, out, 32, 65);
        System.arraycopy(body, 0, out, 97, body.length);
        Keccak256.hashInto(out, 32, out.length - 32, out, 0);
        return out;
    }
}
