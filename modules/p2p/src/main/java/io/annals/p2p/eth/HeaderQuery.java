package io.annals.p2p.eth;

import java.util.Objects;

/**
 * A GetBlockHeaders query (<a
 * href="https://github.com/ethereum/devp2p/blob/master/caps/eth.md#getblockheaders-0x03">caps/eth.md</a>):
 * at most {@code amount} canonical headers from {@code origin}, rising ({@code reverse} false) or
 * falling, {@code skip} blocks apart. {@code amount} and {@code skip} are unsigned 64-bit values as
 * they arrive from the wire; this node never asks for more than it can use.
 */
public record HeaderQuery(BlockOrigin origin, long amount, long skip, boolean reverse) {
    public HeaderQuery {
        Objects.requireNonNull(origin, "origin");
    }

    public static HeaderQuery byNumber(long number, long amount, long skip, boolean reverse) {
        return new HeaderQuery(BlockOrigin.number(number), amount, skip, reverse);
    }

    @Override
    public String toString() {
        return "headers from "
                + origin
                + " amount "
                + Long.toUnsignedString(amount)
                + " skip "
                + Long.toUnsignedString(skip)
                + (reverse ? " reverse" : "");
    }
}
