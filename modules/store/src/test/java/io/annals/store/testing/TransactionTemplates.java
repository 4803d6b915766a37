package io.annals.store.testing;

import io.annals.core.testing.RandomChain;
import io.annals.core.types.AccessListEntry;
import io.annals.core.types.Address;
import io.annals.core.types.DynamicFeeTransaction;
import io.annals.core.types.LegacyTransaction;
import io.annals.core.types.TransactionFields;
import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Encodings of mainnet-like transactions: a fifth legacy, the rest EIP-1559; a fifth plain
 * transfers, the rest contract calls with a selector and ABI words. Every encoding ends with a
 * 32-byte {@code s}, which {@link MainnetLikeChain} rewrites to make each use unique.
 */
final class TransactionTemplates {
    private final Random random;
    private final RandomChain values;

    TransactionTemplates(Random random, RandomChain values) {
        this.random = random;
        this.values = values;
    }

    byte[] template(int meanInputWords) {
        byte[] input = random.nextInt(5) == 0 ? new byte[0] : callData(meanInputWords);
        Address to = values.address();
        BigInteger value =
                random.nextInt(3) == 0
                        ? BigInteger.valueOf(random.nextLong() >>> 8)
                        : BigInteger.ZERO;
        long nonce = random.nextInt(1 << 20);
        long gas = 21_000 + random.nextInt(500_000);
        BigInteger fee = BigInteger.valueOf(1_000_000_000L + random.nextInt(1 << 30));
        BigInteger r = new BigInteger(1, withHighBit(values.bytes(32)));
        BigInteger s = new BigInteger(1, withHighBit(values.bytes(32)));
        TransactionFields fields =
                random.nextInt(5) == 0
                        ? LegacyTransaction.unsigned(
                                        nonce, fee, gas, to, value, input, OptionalLong.of(1))
                                .withSignature(random.nextInt(2), r, s)
                        : new DynamicFeeTransaction(
                                1,
                                nonce,
                                BigInteger.valueOf(random.nextInt(1 << 28)),
                                fee,
                                gas,
                                to,
                                value,
                                ByteSlice.of(input),
                                accessList(),
                                random.nextInt(2),
                                r,
                                s);
        return fields.toTransaction().encoding();
    }

    private List<AccessListEntry> accessList() {
        return random.nextInt(10) == 0
                ? List.of(new AccessListEntry(values.address(), values.hashes(2)))
                : List.of();
    }

    private byte[] callData(int meanWords) {
        int words = Math.min(400, (int) (-Math.log(1 - random.nextDouble()) * meanWords));
        byte[] data = new byte[4 + 32 * words];
        for (int i = 0; i < 4; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        for (int w = 0; w < words; w++) {
            Words.fill(data, 4 + 32 * w, random);
        }
        return data;
    }

    private static byte[] withHighBit(byte[] bytes) {
        bytes[0] |= (byte) 0x80;
        return bytes;
    }
}
