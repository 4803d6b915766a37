package io.annals.p2p.eth;

import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the serving side of the eth protocol reads: the canonical chain as pre-encoded bytes, so a
 * store (or a devnet) serves exactly what it holds without decoding and re-encoding it. The eth
 * layer only slices and concatenates these bytes.
 *
 * <p>Calls come from the executor given to {@link EthProtocol}, never from a network I/O thread, so
 * implementations may block on disk reads; they must be thread-safe. An absent value means "not
 * served here" (unknown, pruned or not yet stored): the response ends before that block, as the
 * spec asks. Block numbers are unsigned 64-bit values in {@code long} bits; a number beyond the
 * chain (up to 2^64 - 1) must simply be absent.
 */
public interface ChainReader {
    /**
     * The blocks served in full (bodies and receipts) and the head: announced in Status and
     * BlockRangeUpdate (EIP-7642). Headers are served from genesis regardless. The header of {@code
     * latest} must be readable with {@link #headerRlp(long)}: its timestamp selects the fork id (a
     * reader that holds nothing yet announces block 0 with the genesis hash; then the chain spec's
     * genesis timestamp is used).
     */
    AnnouncedRange availableRange();

    /** The RLP of the canonical header with this number. */
    Optional<byte[]> headerRlp(long number);

    /**
     * The number of the canonical block with this hash; empty for unknown and non-canonical blocks.
     */
    OptionalLong numberOf(Hash hash);

    /**
     * The block body as BlockBodies carries it: {@code [transactions, ommers]} (+ withdrawals from
     * Shanghai).
     */
    Optional<byte[]> bodyRlp(Hash hash);

    /**
     * The block's receipt list in the eth/69 form (EIP-7642): {@code [[type, outcome,
     * cumulativeGas, logs], ...]}, no blooms. eth/69 serves it as it is and eth/70 slices it.
     */
    Optional<byte[]> receiptsEth69(Hash hash);

    /**
     * The block's receipt list in the eth/68 form: legacy receipts as lists, typed ones as strings
     * holding their consensus encoding, blooms included. By default converted from {@link
     * #receiptsEth69}, which costs a decode and the blooms' Keccak; a store that keeps the
     * consensus form can serve it directly.
     */
    default Optional<byte[]> receiptsEth68(Hash hash) {
        return receiptsEth69(hash)
                .map(eth69 -> Receipts.encodeEth68List(Receipts.decodeEth69List(eth69)));
    }
}
