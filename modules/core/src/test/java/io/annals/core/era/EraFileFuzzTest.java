package io.annals.core.era;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.testing.FuzzContract;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.HeaderFormat;
import java.util.Arrays;
import java.util.List;

/**
 * Era files from an untrusted mirror (<a
 * href="https://github.com/eth-clients/e2store-format-specs">e2store-format-specs</a>: {@code
 * formats/e2store}, {@code formats/era1.md}, {@code formats/erae.md}). The first input byte picks
 * what the rest is: a whole era1 or eraE file, byte mutations of a valid era1 or eraE file (so the
 * structure checks pass often enough to reach the snappy frames, the RLP of every block and the
 * verifier behind them), or one snappy framed stream. Each is opened, every block read and decoded,
 * and the file verified; the only failure allowed is {@link EraFormatException}, and what is
 * allocated stays within a bound of the file's size.
 */
class EraFileFuzzTest {
    /** Small entry limits, so that a declared length past them is refused quickly. */
    private static final EraLimits LIMITS = new EraLimits(4 << 10, 512 << 10, 512 << 10);

    private static final FuzzContract FILES =
            FuzzContract.of(128, 8 << 20, EraFormatException.class);

    private static final List<RandomChain.GeneratedBlock> PRE_MERGE =
            EraTestFiles.chain(11, 3, HeaderFormat.LONDON);
    private static final byte[] ERA1 = EraTestFiles.era1(PRE_MERGE);
    private static final byte[] ERAE = EraTestFiles.eraE(EraTestFiles.mergingChain(12, 3, 1), 1);

    @FuzzTest
    void decodesEraFilesOrFailsWithEraFormatException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] data = Arrays.copyOfRange(input, 1, input.length);
        switch ((input[0] & 0xff) % 5) {
            case 0 -> readAll(data, EraKind.ERA1);
            case 1 -> readAll(data, EraKind.ERAE);
            case 2 -> readAll(mutated(ERA1, data), EraKind.ERA1);
            case 3 -> readAll(mutated(ERAE, data), EraKind.ERAE);
            default -> FILES.decode(data.length, () -> SnappyFrames.decompress(data, 256 << 10, 0));
        }
    }

    private static void readAll(byte[] file, EraKind kind) {
        FILES.decode(
                file.length,
                () -> {
                    EraFile era = EraFiles.open(new EraTestFiles.MemoryChannel(file), kind, LIMITS);
                    ReceiptForm form = era.receiptForm().orElse(null);
                    for (int i = 0; i < era.blockCount(); i++) {
                        EraBlock block = era.block(i);
                        if (form != null) {
                            EpochVerifier.decode(block, form);
                        }
                    }
                    return new EpochVerifier(EraTestFiles.CHAIN).verify(era);
                });
    }

    /**
     * The file with the input's edits: each 3 bytes are a position (two bytes, scaled to the file)
     * and the byte written there; an input of odd length also cuts the file short.
     */
    private static byte[] mutated(byte[] valid, byte[] edits) {
        byte[] file = valid.clone();
        int i = 0;
        for (; i + 3 <= edits.length; i += 3) {
            int at = ((edits[i] & 0xff) << 8 | (edits[i + 1] & 0xff)) * file.length / 65536;
            file[at] = edits[i + 2];
        }
        if (i < edits.length) {
            int keep = (edits[i] & 0xff) * file.length / 256;
            file = Arrays.copyOf(file, keep);
        }
        return file;
    }
}
