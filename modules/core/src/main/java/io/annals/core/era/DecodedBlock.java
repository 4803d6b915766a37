package io.annals.core.era;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Receipt;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** A block of an era file decoded: header, body, receipts and, where the file has it, its TD. */
public record DecodedBlock(
        BlockHeader header,
        BlockBody body,
        List<Receipt> receipts,
        Optional<BigInteger> totalDifficulty) {
    public DecodedBlock {
        receipts = List.copyOf(receipts);
    }
}
