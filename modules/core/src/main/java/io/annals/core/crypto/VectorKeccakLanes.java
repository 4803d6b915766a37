package io.annals.core.crypto;

import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Keccak-f[1600] on several independent states at once, one state per lane of the widest long
 * vector the CPU has (8 with AVX-512, 4 with AVX2), through the incubating Vector API ({@code
 * jdk.incubator.vector}). Loaded only when that module is in the boot layer ({@code --add-modules
 * jdk.incubator.vector}); {@link KeccakBatch} falls back to the scalar {@link KeccakSponge}
 * otherwise.
 *
 * <p>The state array is word-major: word w (= x + 5y) of lane l is at {@code w * lanes() + l}, so
 * that one word of every lane is one vector load. The round is the scalar one with every {@code
 * long} a vector (Keccak reference 3.0, section 1.2): θ's parities and terms, ρ and π into {@code
 * b0..b4} one output row at a time, χ and ι.
 *
 * <p>Why it is shaped this way (measured on Java 17, docs/benchmarks.md): the whole permutation is
 * one method without helper calls. C2 keeps vectors in registers only when every operation is
 * inlined into one compilation; with a small helper method for χ, which C2 refused to inline
 * ("callee uses too much stack"), every intermediate vector was boxed and the permutation ran at a
 * fifth of the scalar speed. The species is a static final, so C2 sees it as a constant and
 * intrinsifies every operation.
 */
final class VectorKeccakLanes implements KeccakLanes {
    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final long[] RC = KeccakSponge.roundConstants();

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public void permute(long[] state) {
        LongVector a00 = LongVector.fromArray(SPECIES, state, 0 * LANES),
                a10 = LongVector.fromArray(SPECIES, state, 1 * LANES),
                a20 = LongVector.fromArray(SPECIES, state, 2 * LANES),
                a30 = LongVector.fromArray(SPECIES, state, 3 * LANES),
                a40 = LongVector.fromArray(SPECIES, state, 4 * LANES);
        LongVector a01 = LongVector.fromArray(SPECIES, state, 5 * LANES),
                a11 = LongVector.fromArray(SPECIES, state, 6 * LANES),
                a21 = LongVector.fromArray(SPECIES, state, 7 * LANES),
                a31 = LongVector.fromArray(SPECIES, state, 8 * LANES),
                a41 = LongVector.fromArray(SPECIES, state, 9 * LANES);
        LongVector a02 = LongVector.fromArray(SPECIES, state, 10 * LANES),
                a12 = LongVector.fromArray(SPECIES, state, 11 * LANES),
                a22 = LongVector.fromArray(SPECIES, state, 12 * LANES),
                a32 = LongVector.fromArray(SPECIES, state, 13 * LANES),
                a42 = LongVector.fromArray(SPECIES, state, 14 * LANES);
        LongVector a03 = LongVector.fromArray(SPECIES, state, 15 * LANES),
                a13 = LongVector.fromArray(SPECIES, state, 16 * LANES),
                a23 = LongVector.fromArray(SPECIES, state, 17 * LANES),
                a33 = LongVector.fromArray(SPECIES, state, 18 * LANES),
                a43 = LongVector.fromArray(SPECIES, state, 19 * LANES);
        LongVector a04 = LongVector.fromArray(SPECIES, state, 20 * LANES),
                a14 = LongVector.fromArray(SPECIES, state, 21 * LANES),
                a24 = LongVector.fromArray(SPECIES, state, 22 * LANES),
                a34 = LongVector.fromArray(SPECIES, state, 23 * LANES),
                a44 = LongVector.fromArray(SPECIES, state, 24 * LANES);
        for (int round = 0; round < 24; round++) {
            LongVector c0 =
                    a00.lanewise(XOR, a01).lanewise(XOR, a02).lanewise(XOR, a03).lanewise(XOR, a04);
            LongVector c1 =
                    a10.lanewise(XOR, a11).lanewise(XOR, a12).lanewise(XOR, a13).lanewise(XOR, a14);
            LongVector c2 =
                    a20.lanewise(XOR, a21).lanewise(XOR, a22).lanewise(XOR, a23).lanewise(XOR, a24);
            LongVector c3 =
                    a30.lanewise(XOR, a31).lanewise(XOR, a32).lanewise(XOR, a33).lanewise(XOR, a34);
            LongVector c4 =
                    a40.lanewise(XOR, a41).lanewise(XOR, a42).lanewise(XOR, a43).lanewise(XOR, a44);
            LongVector d0 = c4.lanewise(XOR, c1.lanewise(ROL, 1));
            LongVector d1 = c0.lanewise(XOR, c2.lanewise(ROL, 1));
            LongVector d2 = c1.lanewise(XOR, c3.lanewise(ROL, 1));
            LongVector d3 = c2.lanewise(XOR, c4.lanewise(ROL, 1));
            LongVector d4 = c3.lanewise(XOR, c0.lanewise(ROL, 1));
            LongVector b0 = a00.lanewise(XOR, d0);
            LongVector b1 = a11.lanewise(XOR, d1).lanewise(ROL, 44);
            LongVector b2 = a22.lanewise(XOR, d2).lanewise(ROL, 43);
            LongVector b3 = a33.lanewise(XOR, d3).lanewise(ROL, 21);
            LongVector b4 = a44.lanewise(XOR, d4).lanewise(ROL, 14);
            LongVector e00 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1)).lanewise(XOR, RC[round]);
            LongVector e10 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
            LongVector e20 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
            LongVector e30 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
            LongVector e40 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
            b0 = a30.lanewise(XOR, d3).lanewise(ROL, 28);
            b1 = a41.lanewise(XOR, d4).lanewise(ROL, 20);
            b2 = a02.lanewise(XOR, d0).lanewise(ROL, 3);
            b3 = a13.lanewise(XOR, d1).lanewise(ROL, 45);
            b4 = a24.lanewise(XOR, d2).lanewise(ROL, 61);
            LongVector e01 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1));
            LongVector e11 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
            LongVector e21 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
            LongVector e31 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
            LongVector e41 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
            b0 = a10.lanewise(XOR, d1).lanewise(ROL, 1);
            b1 = a21.lanewise(XOR, d2).lanewise(ROL, 6);
            b2 = a32.lanewise(XOR, d3).lanewise(ROL, 25);
            b3 = a43.lanewise(XOR, d4).lanewise(ROL, 8);
            b4 = a04.lanewise(XOR, d0).lanewise(ROL, 18);
            LongVector e02 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1));
            LongVector e12 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
            LongVector e22 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
            LongVector e32 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
            LongVector e42 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
            b0 = a40.lanewise(XOR, d4).lanewise(ROL, 27);
            b1 = a01.lanewise(XOR, d0).lanewise(ROL, 36);
            b2 = a12.lanewise(XOR, d1).lanewise(ROL, 10);
            b3 = a23.lanewise(XOR, d2).lanewise(ROL, 15);
            b4 = a34.lanewise(XOR, d3).lanewise(ROL, 56);
            LongVector e03 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1));
            LongVector e13 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
            LongVector e23 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
            LongVector e33 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
            LongVector e43 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
            b0 = a20.lanewise(XOR, d2).lanewise(ROL, 62);
            b1 = a31.lanewise(XOR, d3).lanewise(ROL, 55);
            b2 = a42.lanewise(XOR, d4).lanewise(ROL, 39);
            b3 = a03.lanewise(XOR, d0).lanewise(ROL, 41);
            b4 = a14.lanewise(XOR, d1).lanewise(ROL, 2);
            LongVector e04 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1));
            LongVector e14 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
            LongVector e24 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
            LongVector e34 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
            LongVector e44 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
            a00 = e00;
            a10 = e10;
            a20 = e20;
            a30 = e30;
            a40 = e40;
            a01 = e01;
            a11 = e11;
            a21 = e21;
            a31 = e31;
            a41 = e41;
            a02 = e02;
            a12 = e12;
            a22 = e22;
            a32 = e32;
            a42 = e42;
            a03 = e03;
            a13 = e13;
            a23 = e23;
            a33 = e33;
            a43 = e43;
            a04 = e04;
            a14 = e14;
            a24 = e24;
            a34 = e34;
            a44 = e44;
        }
        a00.intoArray(state, 0 * LANES);
        a10.intoArray(state, 1 * LANES);
        a20.intoArray(state, 2 * LANES);
        a30.intoArray(state, 3 * LANES);
        a40.intoArray(state, 4 * LANES);
        a01.intoArray(state, 5 * LANES);
        a11.intoArray(state, 6 * LANES);
        a21.intoArray(state, 7 * LANES);
        a31.intoArray(state, 8 * LANES);
        a41.intoArray(state, 9 * LANES);
        a02.intoArray(state, 10 * LANES);
        a12.intoArray(state, 11 * LANES);
        a22.intoArray(state, 12 * LANES);
        a32.intoArray(state, 13 * LANES);
        a42.intoArray(state, 14 * LANES);
        a03.intoArray(state, 15 * LANES);
        a13.intoArray(state, 16 * LANES);
        a23.intoArray(state, 17 * LANES);
        a33.intoArray(state, 18 * LANES);
        a43.intoArray(state, 19 * LANES);
        a04.intoArray(state, 20 * LANES);
        a14.intoArray(state, 21 * LANES);
        a24.intoArray(state, 22 * LANES);
        a34.intoArray(state, 23 * LANES);
        a44.intoArray(state, 24 * LANES);
    }
}
