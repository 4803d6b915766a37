package io.annals.bench;

import io.annals.core.rlp.RlpReader;
import io.annals.core.types.BlockBody;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.RawReceiptList;
import io.annals.p2p.eth.message.EthDecoder;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.eth.message.EthMessageCodes;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Receiving responses of 128 mainnet-like blocks (see {@link EthResponses}): the message decode the
 * I/O thread does (request id, one view per item, list shapes checked), and the typed decode of the
 * items that {@code EthPeer.bodies}/{@code receipts} add on the worker: bodies into transactions
 * (one copy and envelope check each), receipts of eth/68 (blooms received) and eth/69 (blooms
 * computed from the logs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EthDecodeBench {
    private final EthDecoder decoder68 = new EthDecoder(68, 1024, 1024);
    private final EthDecoder decoder69 = new EthDecoder(69, 1024, 1024);
    private byte[] bodies;
    private byte[] receipts68;
    private byte[] receipts69;

    @Setup
    public void setUp() {
        bodies = EthResponses.blockBodies();
        receipts68 = EthResponses.receipts(68);
        receipts69 = EthResponses.receipts(69);
        System.out.printf(
                "%nBlockBodies %,d bytes, Receipts eth/68 %,d bytes, eth/69 %,d bytes%n",
                bodies.length, receipts68.length, receipts69.length);
    }

    @Benchmark
    public Object blockBodiesMessage() {
        return decoder69.decode(EthMessageCodes.BLOCK_BODIES, bodies);
    }

    @Benchmark
    public void blockBodiesTyped(Blackhole bh) {
        EthMessage.BlockBodies message =
                (EthMessage.BlockBodies) decoder69.decode(EthMessageCodes.BLOCK_BODIES, bodies);
        for (ByteSlice item : message.bodies()) {
            RlpReader reader = RlpReader.of(item);
            bh.consume(BlockBody.read(reader));
            reader.ensureEnd();
        }
    }

    @Benchmark
    public Object receiptsEth69Message() {
        return decoder69.decode(EthMessageCodes.RECEIPTS, receipts69);
    }

    @Benchmark
    public void receiptsEth69Typed(Blackhole bh) {
        receiptsTyped(bh, decoder69, receipts69, RawReceiptList.Form.ETH69);
    }

    @Benchmark
    public void receiptsEth68Typed(Blackhole bh) {
        receiptsTyped(bh, decoder68, receipts68, RawReceiptList.Form.ETH68);
    }

    private static void receiptsTyped(
            Blackhole bh, EthDecoder decoder, byte[] payload, RawReceiptList.Form form) {
        EthMessage.Receipts message =
                (EthMessage.Receipts) decoder.decode(EthMessageCodes.RECEIPTS, payload);
        for (ByteSlice list : message.blockReceipts()) {
            bh.consume(new RawReceiptList(form, list).decode());
        }
    }
}
