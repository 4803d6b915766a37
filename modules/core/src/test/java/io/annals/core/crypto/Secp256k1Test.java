package io.annals.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.util.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Secp256k1Test {

    /**
     * Private key → public key (x ‖ y) → address. k = 1 is the generator G of SEC 2 v2, section
     * 2.4.1; 2G and 3G are the first entries of the widely used "secp256k1 test vectors" (k × G for
     * small k). The addresses of keys 1 to 3 are those asserted by ethers-rs' wallet tests, and the
     * last pair is go-ethereum's crypto_test.go testPrivHex / testAddrHex.
     */
    @ParameterizedTest(name = "key {0}")
    @CsvSource({
        "0000000000000000000000000000000000000000000000000000000000000001,"
                + " 79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8,"
                + " 0x7e5f4552091a69125d5dfcb7b8c2659029395bdf",
        "0000000000000000000000000000000000000000000000000000000000000002,"
                + " c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5"
                + "1ae168fea63dc339a3c58419466ceaeef7f632653266d0e1236431a950cfe52a,"
                + " 0x2b5ad5c4795c026514f8317c7a215e218dccd6cf",
        "0000000000000000000000000000000000000000000000000000000000000003,"
                + " f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9"
                + "388f7b0f632de8140fe337e62a37f3566500a99934c2231b6cb9fd7584b8e672,"
                + " 0x6813eb9362372eef6200f3b1dbc3f819671cba69",
    })
    void derivesKnownPublicKeysAndAddresses(String privateHex, String publicHex, String address) {
        byte[] publicKey = Secp256k1.publicKeyOf(Hex.decode(privateHex));
        assertThat(Hex.encode(publicKey)).isEqualTo(publicHex);
        assertThat(Secp256k1.addressOf(publicKey).toHex()).isEqualTo(address);
        assertThat(Secp256k1.isValidPublicKey(publicKey)).isTrue();
    }

    @Test
    void derivesGoEthereumsTestAddress() {
        byte[] key = Hex.decode("289c2857d4598e37fb9647507e47a309d6133539bf21a8b9cb6df88fd5232032");
        assertThat(Secp256k1.addressOf(Secp256k1.publicKeyOf(key)).toHex())
                .isEqualTo("0x970e8128ab834e8eac17ab8e3812f010678cf791");
    }

    /**
     * Deterministic ECDSA over secp256k1 with SHA-256 (RFC 6979 nonces, low s): the test vectors
     * published by fpgaminer at bitcointalk.org/index.php?topic=285142.msg3299061, as used by
     * btcd's btcec signature tests. The signatures are r ‖ s with s already in the lower half, so
     * the first vector also checks the normalisation of a high s.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0000000000000000000000000000000000000000000000000000000000000001|Satoshi Nakamoto"
                        + "|934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"
                        + "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5",
                "0000000000000000000000000000000000000000000000000000000000000001"
                        + "|All those moments will be lost in time, like tears in rain. Time to die..."
                        + "|8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b"
                        + "547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21",
                "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140|Satoshi Nakamoto"
                        + "|fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d0"
                        + "6b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5",
                "f8b8af8ce3c7cca5e300d33939540c10d45ce001b8f252bfbc57ba0342904181|Alan Turing"
                        + "|7063ae83e7f62bbb171798131b4a0564b956930092b33b07b395615d9ec7e15c"
                        + "58dfcc1e00a35e1572f366ffe34ba0fc47db1e7189759b9fb233c5b05ab388ea",
                "e91671c46231f833a6406ccbea0e3e392c76c167bac1cb013f6f1013980455c2"
                        + "|There is a computer disease that anybody who works with computers knows about."
                        + " It's a very serious disease and it interferes completely with the work."
                        + " The trouble with computers is that you 'play' with them!"
                        + "|b552edd27580141f3b2a5463048cb7cd3e047b97c9f98076c32dbdf85a68718b"
                        + "279fa72dd19bfae05577e06c7c0c1900c371fcd5893f7e1d56a37d30174671f6",
            })
    void signsTheRfc6979Vectors(String privateHex, String message, String signatureHex)
            throws Exception {
        byte[] key = Hex.decode(privateHex);
        byte[] digest = sha256(message.getBytes(StandardCharsets.UTF_8));
        EcdsaSignature signature = Secp256k1.sign(digest, key);

        byte[] rs = Arrays.copyOf(signature.toBytes65(), 64);
        assertThat(Hex.encode(rs)).isEqualTo(signatureHex);
        assertThat(Secp256k1.recoverPublicKey(digest, signature))
                .hasValue(Secp256k1.publicKeyOf(key));
    }

    /** go-ethereum crypto/signature_test.go: testmsg, testsig (r ‖ s ‖ v) and testpubkey. */
    @Test
    void recoversGoEthereumsTestSignature() {
        byte[] digest =
                Hex.decode("ce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008");
        EcdsaSignature signature =
                EcdsaSignature.fromBytes65(
                        Hex.decode(
                                "90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998"
                                        + "4a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93"
                                        + "01"));
        assertThat(Secp256k1.recoverPublicKey(digest, signature).map(Hex::encode))
                .hasValue(
                        "e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a"
                                + "0a2b2667f7e725ceea70c673093bf67663e0312623c8e091b13cf2c0f11ef652");
    }

    @Test
    void signaturesRecoverTheSignersKeyAndOnlyWithTheirOwnRecoveryId() {
        Random seeded = new Random(7);
        SecureRandom keys = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            byte[] priv = Secp256k1.generatePrivateKey(keys);
            byte[] digest = new byte[32];
            seeded.nextBytes(digest);
            EcdsaSignature sig = Secp256k1.sign(digest, priv);
            assertThat(sig.s()).isLessThanOrEqualTo(Secp256k1.order().shiftRight(1));
            assertThat(Secp256k1.recoverPublicKey(digest, sig))
                    .hasValue(Secp256k1.publicKeyOf(priv));
            assertThat(EcdsaSignature.fromBytes65(sig.toBytes65())).isEqualTo(sig);

            EcdsaSignature flipped = new EcdsaSignature(sig.r(), sig.s(), sig.recoveryId() ^ 1);
            assertThat(Secp256k1.recoverPublicKey(digest, flipped).orElseThrow())
                    .isNotEqualTo(Secp256k1.publicKeyOf(priv));
        }
    }

    @Test
    void recoveryRejectsOutOfRangeScalarsAndXCoordinatesOffTheCurve() {
        byte[] digest = new byte[32];
        BigInteger n = Secp256k1.order();
        assertThat(Secp256k1.recoverPublicKey(digest, new EcdsaSignature(n, BigInteger.ONE, 0)))
                .isEmpty();
        assertThat(Secp256k1.recoverPublicKey(digest, new EcdsaSignature(BigInteger.ONE, n, 0)))
                .isEmpty();
        // x = 5: 5^3 + 7 = 132 is not a square modulo p, so no point has this x
        assertThat(
                        Secp256k1.recoverPublicKey(
                                digest,
                                new EcdsaSignature(BigInteger.valueOf(5), BigInteger.ONE, 0)))
                .isEmpty();
        // recovery ids 2 and 3 mean x = r + n, which must stay below p
        BigInteger large = n.subtract(BigInteger.ONE);
        assertThat(Secp256k1.recoverPublicKey(digest, new EcdsaSignature(large, BigInteger.ONE, 2)))
                .isEmpty();
    }

    @Test
    void ecdhAgreesFromBothSides() {
        SecureRandom random = new SecureRandom();
        byte[] a = Secp256k1.generatePrivateKey(random);
        byte[] b = Secp256k1.generatePrivateKey(random);
        assertThat(Hex.encode(Secp256k1.agree(a, Secp256k1.publicKeyOf(b))))
                .isEqualTo(Hex.encode(Secp256k1.agree(b, Secp256k1.publicKeyOf(a))));
    }

    @Test
    void ecdhWithTheGeneratorGivesThePublicKeysX() {
        byte[] key = Hex.decode("0000000000000000000000000000000000000000000000000000000000000003");
        byte[] generator =
                Secp256k1.publicKeyOf(
                        Hex.decode(
                                "0000000000000000000000000000000000000000000000000000000000000001"));
        assertThat(Hex.encode(Secp256k1.agree(key, generator)))
                .isEqualTo("f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9");
    }

    @Test
    void rejectsPointsOffTheCurve() {
        assertThat(Secp256k1.isValidPublicKey(new byte[64])).isFalse();
        assertThat(Secp256k1.isValidPublicKey(new byte[63])).isFalse();
        byte[] priv = Secp256k1.generatePrivateKey(new SecureRandom());
        byte[] pub = Secp256k1.publicKeyOf(priv);
        assertThat(Secp256k1.isValidPublicKey(pub)).isTrue();
        pub[63] ^= 1;
        assertThat(Secp256k1.isValidPublicKey(pub)).isFalse();
    }

    private static byte[] sha256(byte[] message) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(message);
    }
}
