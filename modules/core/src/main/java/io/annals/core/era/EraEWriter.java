package io.annals.core.era;

import io.annals.core.types.Hash;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Writes one eraE file in the default layout go-ethereum writes (internal/era/execdb/builder.go):
 * headers, bodies, slim receipts, then total difficulties when the epoch has pre-merge blocks, the
 * accumulator over the pre-merge blocks, and the DynamicBlockIndex (format: {@link EraEFile}). As
 * the spec asks for the merge's epoch, its post-merge blocks carry the final total difficulty and
 * the accumulator covers only the pre-merge blocks. No Proof entries are written (they need the
 * beacon chain), so the file is of the {@code noproofs} profile.
 */
public final class EraEWriter {
    private EraEWriter() {}

    /** What was written: the accumulator (epochs with pre-merge blocks) and the last block hash. */
    public record Written(Optional<Hash> accumulatorRoot, Hash lastHash, int blocks) {}

    public static Written write(OutputStream stream, EpochContent content) throws IOException {
        int n = content.blockCount();
        if (n < 1 || n > EpochAccumulator.EPOCH_SIZE) {
            throw new IllegalArgumentException("an eraE file holds 1..8192 blocks, not " + n);
        }
        E2StoreWriter out = new E2StoreWriter(stream);
        out.write(EntryTypes.VERSION, new byte[0]);
        long[][] offsets = new long[4][n];
        for (int i = 0; i < n; i++) {
            offsets[0][i] =
                    out.write(
                            EntryTypes.COMPRESSED_HEADER, SnappyFrames.compress(content.header(i)));
        }
        for (int i = 0; i < n; i++) {
            offsets[1][i] =
                    out.write(EntryTypes.COMPRESSED_BODY, SnappyFrames.compress(content.body(i)));
        }
        for (int i = 0; i < n; i++) {
            offsets[2][i] =
                    out.write(
                            EntryTypes.COMPRESSED_SLIM_RECEIPTS,
                            SnappyFrames.compress(content.slimReceipts(i)));
        }
        EpochAccumulator accumulator = new EpochAccumulator();
        BigInteger finalDifficulty = null;
        boolean preMerge = content.totalDifficulty(0).isPresent();
        if (preMerge) {
            for (int i = 0; i < n; i++) {
                Optional<BigInteger> td = content.totalDifficulty(i);
                if (td.isPresent()) {
                    if (finalDifficulty != null && accumulator.count() < i) {
                        throw new IllegalArgumentException(
                                "block "
                                        + (content.startBlock() + i)
                                        + " has a total difficulty after the merge");
                    }
                    finalDifficulty = td.get();
                    accumulator.add(content.hash(i), finalDifficulty);
                }
                offsets[3][i] =
                        out.write(
                                EntryTypes.TOTAL_DIFFICULTY,
                                EpochAccumulator.uint256LittleEndian(finalDifficulty));
            }
        }
        Optional<Hash> root = Optional.empty();
        if (preMerge) {
            root = Optional.of(accumulator.root());
            out.write(EntryTypes.ACCUMULATOR, root.get().toArray());
        }
        int components = preMerge ? 4 : 3;
        long indexAt = out.position();
        ByteBuffer index =
                ByteBuffer.allocate(8 + 8 * n * components + 16).order(ByteOrder.LITTLE_ENDIAN);
        index.putLong(content.startBlock());
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < components; c++) {
                index.putLong(offsets[c][i] - indexAt);
            }
        }
        index.putLong(components);
        index.putLong(n);
        out.write(EntryTypes.DYNAMIC_BLOCK_INDEX, index.array());
        return new Written(root, content.hash(n - 1), n);
    }
}
