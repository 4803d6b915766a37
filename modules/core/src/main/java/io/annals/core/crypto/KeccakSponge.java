package io.annals.core.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Keccak sponge behind {@link Keccak256}: Keccak-f[1600] with rate 136 bytes and capacity 512
 * bits, the original Keccak padding (pad10*1 with domain byte 0x01, not SHA-3's 0x06), 32-byte
 * output.
 *
 * <p>Spec: "The Keccak reference", version 3.0 (Bertoni, Daemen, Peeters, Van Assche, 2011),
 * sections 1.2 (the permutation) and 5.1 (padding).
 *
 * <p>Why it is shaped this way (measured with JMH, see docs/benchmarks.md):
 *
 * <ul>
 *   <li>The 25 lanes, named {@code aXY} for column x and row y, live in local variables for the
 *       whole call, so the JIT keeps as many as it can in registers and spills the rest.
 *   <li>Each loop iteration runs two rounds, lanes a to e and then e back to a, so the π step is a
 *       renaming instead of 25 moves. Each round is unrolled over the lanes and computes the output
 *       one row (plane) at a time: θ's column parities {@code c}, its {@code d} terms, ρ and π into
 *       {@code b0..b4}, then χ and ι.
 *   <li>θ's column parities for the next round are accumulated while χ writes each row, instead of
 *       re-reading all 25 lanes (the "prepare θ" folding of the Keccak team's optimised code).
 *   <li>Lanes load little-endian through a byte-array view {@link VarHandle}.
 * </ul>
 *
 * A loop over 24 fully unrolled rounds would be larger than the 8000 bytecodes HotSpot is willing
 * to compile, so the rounds stay in a loop.
 *
 * <p>The state between calls is a {@code long[25]} indexed x + 5y; hashing a whole input allocates
 * nothing.
 */
final class KeccakSponge {
    /** Bytes absorbed per permutation: (1600 - 2 × 256) / 8. */
    static final int RATE = 136;

    static final int LANES = 25;
    static final int DIGEST_SIZE = 32;

    private static final int RATE_LANES = RATE / 8;
    private static final long[] ZERO_STATE = new long[LANES];
    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The 24 round constants of ι (Keccak reference, table 1.1). */
    private static final long[] RC = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
        0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
        0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
    };

    private KeccakSponge() {}

    /** A copy of ι's round constants, for the multi-lane permutation. */
    static long[] roundConstants() {
        return RC.clone();
    }

    /** Absorbs whole blocks ({@code length} a multiple of {@link #RATE}) into {@code state}. */
    static void absorb(long[] state, byte[] in, int offset, int length) {
        if (length % RATE != 0) {
            throw new IllegalArgumentException(
                    "absorb takes whole blocks, got " + length + " bytes");
        }
        sponge(state, in, offset, length, null, 0);
    }

    /**
     * Absorbs {@code length} bytes and the padding on top of {@code state} and squeezes the 32-byte
     * digest into {@code out}. {@code state} itself is left untouched.
     */
    static void finish(long[] state, byte[] in, int offset, int length, byte[] out, int outOffset) {
        sponge(state, in, offset, length, out, outOffset);
    }

    /** The digest of {@code length} bytes hashed from the empty state. */
    static void hash(byte[] in, int offset, int length, byte[] out, int outOffset) {
        sponge(ZERO_STATE, in, offset, length, out, outOffset);
    }

    /**
     * Runs the sponge over {@code in}. Absorbing only ({@code out == null}): every block is whole
     * and the state is written back. Finishing: the bytes after the last whole block are padded
     * into a final block, the digest goes to {@code out}, and the state is not written.
     */
    private static void sponge(long[] st, byte[] in, int off, int len, byte[] out, int outOff) {
        long a00 = st[0];
        long a10 = st[1];
        long a20 = st[2];
        long a30 = st[3];
        long a40 = st[4];
        long a01 = st[5];
        long a11 = st[6];
        long a21 = st[7];
        long a31 = st[8];
        long a41 = st[9];
        long a02 = st[10];
        long a12 = st[11];
        long a22 = st[12];
        long a32 = st[13];
        long a42 = st[14];
        long a03 = st[15];
        long a13 = st[16];
        long a23 = st[17];
        long a33 = st[18];
        long a43 = st[19];
        long a04 = st[20];
        long a14 = st[21];
        long a24 = st[22];
        long a34 = st[23];
        long a44 = st[24];
        long e00, e10, e20, e30, e40;
        long e01, e11, e21, e31, e41;
        long e02, e12, e22, e32, e42;
        long e03, e13, e23, e33, e43;
        long e04, e14, e24, e34, e44;
        long c0, c1, c2, c3, c4, d0, d1, d2, d3, d4, b0, b1, b2, b3, b4;

        int whole = len / RATE;
        int tail = len - whole * RATE;
        int blocks = out == null ? whole : whole + 1;
        for (int block = 0; block < blocks; block++) {
            int p = off + block * RATE;
            if (block < whole) {
                a00 ^= (long) LE_LONG.get(in, p);
                a10 ^= (long) LE_LONG.get(in, p + 8);
                a20 ^= (long) LE_LONG.get(in, p + 16);
                a30 ^= (long) LE_LONG.get(in, p + 24);
                a40 ^= (long) LE_LONG.get(in, p + 32);
                a01 ^= (long) LE_LONG.get(in, p + 40);
                a11 ^= (long) LE_LONG.get(in, p + 48);
                a21 ^= (long) LE_LONG.get(in, p + 56);
                a31 ^= (long) LE_LONG.get(in, p + 64);
                a41 ^= (long) LE_LONG.get(in, p + 72);
                a02 ^= (long) LE_LONG.get(in, p + 80);
                a12 ^= (long) LE_LONG.get(in, p + 88);
                a22 ^= (long) LE_LONG.get(in, p + 96);
                a32 ^= (long) LE_LONG.get(in, p + 104);
                a42 ^= (long) LE_LONG.get(in, p + 112);
                a03 ^= (long) LE_LONG.get(in, p + 120);
                a13 ^= (long) LE_LONG.get(in, p + 128);
            } else {
                a00 ^= finalLane(in, p, tail, 0);
                a10 ^= finalLane(in, p, tail, 1);
                a20 ^= finalLane(in, p, tail, 2);
                a30 ^= finalLane(in, p, tail, 3);
                a40 ^= finalLane(in, p, tail, 4);
                a01 ^= finalLane(in, p, tail, 5);
                a11 ^= finalLane(in, p, tail, 6);
                a21 ^= finalLane(in, p, tail, 7);
                a31 ^= finalLane(in, p, tail, 8);
                a41 ^= finalLane(in, p, tail, 9);
                a02 ^= finalLane(in, p, tail, 10);
                a12 ^= finalLane(in, p, tail, 11);
                a22 ^= finalLane(in, p, tail, 12);
                a32 ^= finalLane(in, p, tail, 13);
                a42 ^= finalLane(in, p, tail, 14);
                a03 ^= finalLane(in, p, tail, 15);
                a13 ^= finalLane(in, p, tail, 16);
            }
            c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
            c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
            c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
            c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
            c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
            for (int round = 0; round < 24; round += 2) {
                d0 = c4 ^ Long.rotateLeft(c1, 1);
                d1 = c0 ^ Long.rotateLeft(c2, 1);
                d2 = c1 ^ Long.rotateLeft(c3, 1);
                d3 = c2 ^ Long.rotateLeft(c4, 1);
                d4 = c3 ^ Long.rotateLeft(c0, 1);
                b0 = a00 ^ d0;
                b1 = Long.rotateLeft(a11 ^ d1, 44);
                b2 = Long.rotateLeft(a22 ^ d2, 43);
                b3 = Long.rotateLeft(a33 ^ d3, 21);
                b4 = Long.rotateLeft(a44 ^ d4, 14);
                e00 = b0 ^ (~b1 & b2) ^ RC[round];
                e10 = b1 ^ (~b2 & b3);
                e20 = b2 ^ (~b3 & b4);
                e30 = b3 ^ (~b4 & b0);
                e40 = b4 ^ (~b0 & b1);
                c0 = e00;
                c1 = e10;
                c2 = e20;
                c3 = e30;
                c4 = e40;
                b0 = Long.rotateLeft(a30 ^ d3, 28);
                b1 = Long.rotateLeft(a41 ^ d4, 20);
                b2 = Long.rotateLeft(a02 ^ d0, 3);
                b3 = Long.rotateLeft(a13 ^ d1, 45);
                b4 = Long.rotateLeft(a24 ^ d2, 61);
                e01 = b0 ^ (~b1 & b2);
                e11 = b1 ^ (~b2 & b3);
                e21 = b2 ^ (~b3 & b4);
                e31 = b3 ^ (~b4 & b0);
                e41 = b4 ^ (~b0 & b1);
                c0 ^= e01;
                c1 ^= e11;
                c2 ^= e21;
                c3 ^= e31;
                c4 ^= e41;
                b0 = Long.rotateLeft(a10 ^ d1, 1);
                b1 = Long.rotateLeft(a21 ^ d2, 6);
                b2 = Long.rotateLeft(a32 ^ d3, 25);
                b3 = Long.rotateLeft(a43 ^ d4, 8);
                b4 = Long.rotateLeft(a04 ^ d0, 18);
                e02 = b0 ^ (~b1 & b2);
                e12 = b1 ^ (~b2 & b3);
                e22 = b2 ^ (~b3 & b4);
                e32 = b3 ^ (~b4 & b0);
                e42 = b4 ^ (~b0 & b1);
                c0 ^= e02;
                c1 ^= e12;
                c2 ^= e22;
                c3 ^= e32;
                c4 ^= e42;
                b0 = Long.rotateLeft(a40 ^ d4, 27);
                b1 = Long.rotateLeft(a01 ^ d0, 36);
                b2 = Long.rotateLeft(a12 ^ d1, 10);
                b3 = Long.rotateLeft(a23 ^ d2, 15);
                b4 = Long.rotateLeft(a34 ^ d3, 56);
                e03 = b0 ^ (~b1 & b2);
                e13 = b1 ^ (~b2 & b3);
                e23 = b2 ^ (~b3 & b4);
                e33 = b3 ^ (~b4 & b0);
                e43 = b4 ^ (~b0 & b1);
                c0 ^= e03;
                c1 ^= e13;
                c2 ^= e23;
                c3 ^= e33;
                c4 ^= e43;
                b0 = Long.rotateLeft(a20 ^ d2, 62);
                b1 = Long.rotateLeft(a31 ^ d3, 55);
                b2 = Long.rotateLeft(a42 ^ d4, 39);
                b3 = Long.rotateLeft(a03 ^ d0, 41);
                b4 = Long.rotateLeft(a14 ^ d1, 2);
                e04 = b0 ^ (~b1 & b2);
                e14 = b1 ^ (~b2 & b3);
                e24 = b2 ^ (~b3 & b4);
                e34 = b3 ^ (~b4 & b0);
                e44 = b4 ^ (~b0 & b1);
                c0 ^= e04;
                c1 ^= e14;
                c2 ^= e24;
                c3 ^= e34;
                c4 ^= e44;
                d0 = c4 ^ Long.rotateLeft(c1, 1);
                d1 = c0 ^ Long.rotateLeft(c2, 1);
                d2 = c1 ^ Long.rotateLeft(c3, 1);
                d3 = c2 ^ Long.rotateLeft(c4, 1);
                d4 = c3 ^ Long.rotateLeft(c0, 1);
                b0 = e00 ^ d0;
                b1 = Long.rotateLeft(e11 ^ d1, 44);
                b2 = Long.rotateLeft(e22 ^ d2, 43);
                b3 = Long.rotateLeft(e33 ^ d3, 21);
                b4 = Long.rotateLeft(e44 ^ d4, 14);
                a00 = b0 ^ (~b1 & b2) ^ RC[round + 1];
                a10 = b1 ^ (~b2 & b3);
                a20 = b2 ^ (~b3 & b4);
                a30 = b3 ^ (~b4 & b0);
                a40 = b4 ^ (~b0 & b1);
                c0 = a00;
                c1 = a10;
                c2 = a20;
                c3 = a30;
                c4 = a40;
                b0 = Long.rotateLeft(e30 ^ d3, 28);
                b1 = Long.rotateLeft(e41 ^ d4, 20);
                b2 = Long.rotateLeft(e02 ^ d0, 3);
                b3 = Long.rotateLeft(e13 ^ d1, 45);
                b4 = Long.rotateLeft(e24 ^ d2, 61);
                a01 = b0 ^ (~b1 & b2);
                a11 = b1 ^ (~b2 & b3);
                a21 = b2 ^ (~b3 & b4);
                a31 = b3 ^ (~b4 & b0);
                a41 = b4 ^ (~b0 & b1);
                c0 ^= a01;
                c1 ^= a11;
                c2 ^= a21;
                c3 ^= a31;
                c4 ^= a41;
                b0 = Long.rotateLeft(e10 ^ d1, 1);
                b1 = Long.rotateLeft(e21 ^ d2, 6);
                b2 = Long.rotateLeft(e32 ^ d3, 25);
                b3 = Long.rotateLeft(e43 ^ d4, 8);
                b4 = Long.rotateLeft(e04 ^ d0, 18);
                a02 = b0 ^ (~b1 & b2);
                a12 = b1 ^ (~b2 & b3);
                a22 = b2 ^ (~b3 & b4);
                a32 = b3 ^ (~b4 & b0);
                a42 = b4 ^ (~b0 & b1);
                c0 ^= a02;
                c1 ^= a12;
                c2 ^= a22;
                c3 ^= a32;
                c4 ^= a42;
                b0 = Long.rotateLeft(e40 ^ d4, 27);
                b1 = Long.rotateLeft(e01 ^ d0, 36);
                b2 = Long.rotateLeft(e12 ^ d1, 10);
                b3 = Long.rotateLeft(e23 ^ d2, 15);
                b4 = Long.rotateLeft(e34 ^ d3, 56);
                a03 = b0 ^ (~b1 & b2);
                a13 = b1 ^ (~b2 & b3);
                a23 = b2 ^ (~b3 & b4);
                a33 = b3 ^ (~b4 & b0);
                a43 = b4 ^ (~b0 & b1);
                c0 ^= a03;
                c1 ^= a13;
                c2 ^= a23;
                c3 ^= a33;
                c4 ^= a43;
                b0 = Long.rotateLeft(e20 ^ d2, 62);
                b1 = Long.rotateLeft(e31 ^ d3, 55);
                b2 = Long.rotateLeft(e42 ^ d4, 39);
                b3 = Long.rotateLeft(e03 ^ d0, 41);
                b4 = Long.rotateLeft(e14 ^ d1, 2);
                a04 = b0 ^ (~b1 & b2);
                a14 = b1 ^ (~b2 & b3);
                a24 = b2 ^ (~b3 & b4);
                a34 = b3 ^ (~b4 & b0);
                a44 = b4 ^ (~b0 & b1);
                c0 ^= a04;
                c1 ^= a14;
                c2 ^= a24;
                c3 ^= a34;
                c4 ^= a44;
            }
        }
        if (out == null) {
            st[0] = a00;
            st[1] = a10;
            st[2] = a20;
            st[3] = a30;
            st[4] = a40;
            st[5] = a01;
            st[6] = a11;
            st[7] = a21;
            st[8] = a31;
            st[9] = a41;
            st[10] = a02;
            st[11] = a12;
            st[12] = a22;
            st[13] = a32;
            st[14] = a42;
            st[15] = a03;
            st[16] = a13;
            st[17] = a23;
            st[18] = a33;
            st[19] = a43;
            st[20] = a04;
            st[21] = a14;
            st[22] = a24;
            st[23] = a34;
            st[24] = a44;
        } else {
            LE_LONG.set(out, outOff, a00);
            LE_LONG.set(out, outOff + 8, a10);
            LE_LONG.set(out, outOff + 16, a20);
            LE_LONG.set(out, outOff + 24, a30);
        }
    }

    /**
     * Lane {@code lane} of the final block: the {@code tail} message bytes that start at {@code
     * blockStart}, then the pad byte 0x01 right after them and the closing bit 0x80 in the block's
     * last byte (both in one byte, 0x81, when the tail is 135 bytes).
     */
    static long finalLane(byte[] in, int blockStart, int tail, int lane) {
        int first = lane * 8;
        long value;
        if (tail >= first + 8) {
            value = (long) LE_LONG.get(in, blockStart + first);
        } else {
            value = 0;
            for (int i = first; i < tail; i++) {
                value |= (in[blockStart + i] & 0xffL) << (8 * (i - first));
            }
            if (tail >= first) {
                value ^= 0x01L << (8 * (tail - first));
            }
        }
        if (lane == RATE_LANES - 1) {
            value ^= 0x80L << 56;
        }
        return value;
    }
}
