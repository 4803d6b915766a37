package io.annals.bench;

import io.annals.core.crypto.EcdsaSignature;
import io.annals.core.crypto.Secp256k1;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * secp256k1 on BouncyCastle: public-key recovery (what transaction sender recovery costs), signing,
 * key derivation and ECDH. Each call takes the next of 64 keys and digests, so that no result can
 * be cached by the JIT.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Secp256k1Bench {
    private static final int COUNT = 64;

    private final byte[][] privateKeys = new byte[COUNT][];
    private final byte[][] publicKeys = new byte[COUNT][];
    private final byte[][] digests = new byte[COUNT][32];
    private final EcdsaSignature[] signatures = new EcdsaSignature[COUNT];
    private int next;

    @Setup
    public void setUp() {
        SecureRandom keys = new SecureRandom();
        Random random = new Random(256);
        for (int i = 0; i < COUNT; i++) {
            privateKeys[i] = Secp256k1.generatePrivateKey(keys);
            publicKeys[i] = Secp256k1.publicKeyOf(privateKeys[i]);
            random.nextBytes(digests[i]);
            signatures[i] = Secp256k1.sign(digests[i], privateKeys[i]);
        }
    }

    private int nextIndex() {
        next = (next + 1) & (COUNT - 1);
        return next;
    }

    @Benchmark
    public Optional<byte[]> recoverPublicKey() {
        int i = nextIndex();
        return Secp256k1.recoverPublicKey(digests[i], signatures[i]);
    }

    @Benchmark
    public EcdsaSignature sign() {
        int i = nextIndex();
        return Secp256k1.sign(digests[i], privateKeys[i]);
    }

    @Benchmark
    public byte[] publicKeyOf() {
        return Secp256k1.publicKeyOf(privateKeys[nextIndex()]);
    }

    @Benchmark
    public byte[] agree() {
        int i = nextIndex();
        return Secp256k1.agree(privateKeys[i], publicKeys[(i + 1) & (COUNT - 1)]);
    }
}
