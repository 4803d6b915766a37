package io.annals.core.era;

import java.math.BigInteger;
import java.util.Optional;

/**
 * One block as an era file holds it, decompressed and not yet decoded: the header RLP, the body RLP
 * ({@code [transactions, ommers(, withdrawals)]}), the block's receipts in the file's {@link
 * ReceiptForm} (absent in an eraE file without receipts) and its total difficulty (absent after the
 * merge in eraE). {@code offset} is where the block's header entry starts, for messages.
 */
public record EraBlock(
        long number,
        long offset,
        byte[] header,
        byte[] body,
        Optional<byte[]> receipts,
        Optional<BigInteger> totalDifficulty) {}
