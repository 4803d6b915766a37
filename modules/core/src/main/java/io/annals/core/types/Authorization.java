package io.annals.core.types;

import io.annals.core.crypto.EcdsaSignature;
import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One EIP-7702 authorization tuple: {@code [chainId, address, nonce, yParity, r, s]}. A tuple that
 * fails its checks is skipped by the EVM, not rejected with the transaction, so any values within
 * the EIP's bounds (chainId and r, s up to 256 bits, nonce 64 bits, yParity 8 bits) are legal in a
 * block and must survive a round trip.
 */
public record Authorization(
        BigInteger chainId, Address address, long nonce, int yParity, BigInteger r, BigInteger s) {
    /** The EIP-7702 signing domain byte. */
    public static final int MAGIC = 0x05;

    public Authorization {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
        if (yParity < 0 || yParity > 0xff) {
            throw new IllegalArgumentException("yParity must fit 8 bits, got " + yParity);
        }
    }

    public static Authorization read(RlpReader reader) {
        RlpReader f = reader.readList();
        BigInteger chainId = f.readUInt256();
        Address address = f.readAddress();
        long nonce = f.readLong();
        int parityAt = f.position();
        long parity = f.readLong();
        if (parity < 0 || parity > 0xff) {
            throw new RlpException("authorization yParity does not fit 8 bits", parityAt);
        }
        Authorization a =
                new Authorization(
                        chainId, address, nonce, (int) parity, f.readUInt256(), f.readUInt256());
        f.ensureEnd();
        return a;
    }

    public void write(RlpWriter w) {
        int mark = w.startList();
        w.writeBigInteger(chainId)
                .writeAddress(address)
                .writeLong(nonce)
                .writeLong(yParity)
                .writeBigInteger(r)
                .writeBigInteger(s);
        w.endList(mark);
    }

    /** {@code keccak(MAGIC || rlp([chainId, address, nonce]))}, the digest the authority signed. */
    public Hash signingHash() {
        RlpWriter w = new RlpWriter(80);
        w.writeRaw(new byte[] {MAGIC});
        int mark = w.startList();
        w.writeBigInteger(chainId).writeAddress(address).writeLong(nonce);
        w.endList(mark);
        return Keccak256.hashOf(w.toByteArray());
    }

    /**
     * The account that signed this authorization; empty when the signature is invalid (including a
     * high s, which EIP-7702 rejects as EIP-2 does for transactions).
     */
    public Optional<Address> recoverAuthority() {
        if (yParity > 1
                || r.signum() <= 0
                || s.signum() <= 0
                || s.compareTo(Secp256k1.order().shiftRight(1)) > 0) {
            return Optional.empty();
        }
        return Secp256k1.recoverPublicKey(
                        signingHash().unsafeArray(), new EcdsaSignature(r, s, yParity))
                .map(Secp256k1::addressOf);
    }

    static List<Authorization> readList(RlpReader reader) {
        int at = reader.position();
        RlpReader items = reader.readList();
        List<Authorization> out = new ArrayList<>();
        while (items.hasNext()) {
            DecodeLimits.checkCount(
                    out.size() + 1, DecodeLimits.MAX_AUTHORIZATIONS, "authorizations", at);
            out.add(read(items));
        }
        return out;
    }

    static void writeList(RlpWriter w, List<Authorization> list) {
        int mark = w.startList();
        for (Authorization a : list) {
            a.write(w);
        }
        w.endList(mark);
    }
}
