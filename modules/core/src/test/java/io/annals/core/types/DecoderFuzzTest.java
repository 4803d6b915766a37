package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.testing.RandomChain;
import io.annals.core.testing.RandomChain.GeneratedBlock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: random bytes and mutations of valid encodings (bit flips, truncations, spliced
 * bytes) fed to every decoder. The only exception allowed out is {@link RlpException} (and, from
 * sender recovery, the documented {@link InvalidSignatureException}).
 */
class DecoderFuzzTest {
    private static final int RANDOM_INPUTS = 1500;
    private static final int MUTATIONS_PER_SEED = 300;

    private final Map<String, Consumer<byte[]>> decoders = new LinkedHashMap<>();

    DecoderFuzzTest() {
        decoders.put("header", BlockHeader::decode);
        decoders.put(
                "body",
                bytes -> {
                    BlockBody body = BlockBody.decode(bytes);
                    body.transactions().forEach(Transaction::hash);
                    body.transactionsRoot();
                });
        decoders.put(
                "transaction",
                bytes -> {
                    Transaction tx = Transaction.decode(bytes);
                    tx.fields();
                    tx.sender();
                });
        decoders.put(
                "transaction list",
                bytes ->
                        Transactions.decodeList(bytes)
                                .forEach(
                                        t -> {
                                            t.fields();
                                            TransactionSigner.signingHash(t);
                                        }));
        decoders.put("consensus receipt", bytes -> ReceiptCodec.decodeConsensus(bytes).bloom());
        decoders.put("eth/68 receipts", bytes -> Receipts.root(Receipts.decodeEth68List(bytes)));
        decoders.put("eth/69 receipts", bytes -> Receipts.root(Receipts.decodeEth69List(bytes)));
        decoders.put("withdrawal", Withdrawal::decode);
        decoders.put("log", bytes -> Log.read(RlpReader.of(bytes)));
        decoders.put(
                "authorization",
                bytes -> Authorization.read(RlpReader.of(bytes)).recoverAuthority());
        decoders.put("access list entry", bytes -> AccessListEntry.read(RlpReader.of(bytes)));
    }

    @Test
    void randomBytesOnlyEverRaiseTheDecodersOwnException() {
        Random random = new Random(99);
        for (Map.Entry<String, Consumer<byte[]>> decoder : decoders.entrySet()) {
            for (int i = 0; i < RANDOM_INPUTS; i++) {
                byte[] input = new byte[random.nextInt(i % 10 == 0 ? 600 : 40)];
                random.nextBytes(input);
                if (input.length > 0 && random.nextBoolean()) {
                    input[0] = (byte) (0xc0 + random.nextInt(0x40)); // look like a list more often
                }
                feed(decoder.getKey(), decoder.getValue(), input);
            }
        }
    }

    @Test
    void mutatedValidEncodingsOnlyEverRaiseTheDecodersOwnException() {
        RandomChain chain = new RandomChain(77);
        GeneratedBlock block = chain.block(null, HeaderFormat.PRAGUE, 6);
        Map<String, List<byte[]>> seeds = new LinkedHashMap<>();
        seeds.put(
                "header", List.of(block.header().encoding(), MainnetBlocks.BYZANTIUM.headerRlp()));
        seeds.put("body", List.of(block.body().encode(), MainnetBlocks.LONDON.bodyRlp()));
        seeds.put(
                "transaction",
                block.body().transactions().stream().map(Transaction::encoding).toList());
        seeds.put(
                "transaction list", List.of(Transactions.encodeList(block.body().transactions())));
        seeds.put(
                "consensus receipt",
                block.receipts().stream().map(Receipt::consensusEncoding).toList());
        seeds.put("eth/68 receipts", List.of(Receipts.encodeEth68List(block.receipts())));
        seeds.put("eth/69 receipts", List.of(Receipts.encodeEth69List(block.receipts())));
        seeds.put("withdrawal", List.of(chain.withdrawal().encode()));
        Random random = new Random(1234);
        for (Map.Entry<String, List<byte[]>> entry : seeds.entrySet()) {
            Consumer<byte[]> decoder = decoders.get(entry.getKey());
            for (byte[] seed : entry.getValue()) {
                for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
                    feed(entry.getKey(), decoder, mutate(seed, random));
                }
            }
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            case 2 -> out[random.nextInt(Math.min(out.length, 8))] = (byte) random.nextInt(256);
            default -> {
                int at = random.nextInt(out.length);
                byte[] longer = new byte[out.length + 1];
                System.arraycopy(out, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                out = longer;
            }
        }
        return out;
    }

    private static void feed(String name, Consumer<byte[]> decoder, byte[] input) {
        try {
            decoder.accept(input);
        } catch (RlpException | InvalidSignatureException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException | StackOverflowError unexpected) {
            fail(
                    name
                            + " threw "
                            + unexpected
                            + " on 0x"
                            + io.annals.core.util.Hex.encode(input),
                    unexpected);
        }
    }
}
