package io.annals.bench;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.types.Receipts;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.message.EthEncoder;
import io.annals.p2p.eth.message.EthMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Eth responses of 128 mainnet-like blocks for the benchmarks: the real post-merge mainnet blocks
 * of the core fixtures (Shanghai, Cancun and two Prague blocks) repeated in turn.
 */
final class EthResponses {
    static final int BLOCKS = 128;
    static final List<MainnetBlock> SOURCE =
            List.of(
                    MainnetBlocks.SHANGHAI,
                    MainnetBlocks.CANCUN,
                    MainnetBlocks.PRAGUE,
                    MainnetBlocks.PRAGUE_SET_CODE);

    private EthResponses() {}

    static MainnetBlock block(int i) {
        return SOURCE.get(i % SOURCE.size());
    }

    static byte[] blockBodies() {
        List<ByteSlice> bodies = new ArrayList<>(BLOCKS);
        for (int i = 0; i < BLOCKS; i++) {
            bodies.add(ByteSlice.of(block(i).bodyRlp()));
        }
        return new EthEncoder(69).encode(new EthMessage.BlockBodies(1, bodies));
    }

    /** A Receipts response in the eth/68 form (with blooms) or the eth/69 one. */
    static byte[] receipts(int version) {
        List<ByteSlice> lists = new ArrayList<>(BLOCKS);
        for (int i = 0; i < BLOCKS; i++) {
            MainnetBlock block = block(i);
            lists.add(
                    ByteSlice.of(
                            version == 68
                                    ? Receipts.encodeEth68List(block.receipts())
                                    : block.receiptsEth69()));
        }
        return new EthEncoder(version).encode(new EthMessage.Receipts(1, false, lists));
    }
}
