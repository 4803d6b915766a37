package io.annals.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.util.Hex;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Secp256k1Test {

    @Test
    void derivesTheKnownAddressOfPrivateKeyOne() {
        byte[] one = new byte[32];
        one[31] = 1;
        // the address of the generator point, a well-known constant
        assertThat(Secp256k1.addressOf(Secp256k1.publicKeyOf(one)).toHex())
                .isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    }

    @Test
    void signaturesRecoverTheSignersKey() {
        Random seeded = new Random(7);
        for (int i = 0; i < 20; i++) {
            byte[] priv = Secp256k1.generatePrivateKey(new SecureRandom());
            byte[] digest = new byte[32];
            seeded.nextBytes(digest);
            EcdsaSignature sig = Secp256k1.sign(digest, priv);
            assertThat(sig.s()).isLessThanOrEqualTo(Secp256k1.order().shiftRight(1));
            assertThat(Secp256k1.recoverPublicKey(digest, sig)).hasValue(Secp256k1.publicKeyOf(priv));
            assertThat(EcdsaSignature.fromBytes65(sig.toBytes65())).isEqualTo(sig);
        }
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
    void rejectsPointsOffTheCurve() {
        assertThat(Secp256k1.isValidPublicKey(new byte[64])).isFalse();
        byte[] priv = Secp256k1.generatePrivateKey(new SecureRandom());
        assertThat(Secp256k1.isValidPublicKey(Secp256k1.publicKeyOf(priv))).isTrue();
    }
}
