package io.annals.core.types;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.ByteSlice;
import java.util.Arrays;
import java.util.Optional;

/**
 * A transaction as sync handles it: its envelope type and its canonical encoding (legacy: the RLP
 * list; typed: {@code type || payload}, EIP-2718), which is both its value in the transactions trie
 * and the input of its hash.
 *
 * <p>Decoding checks only the envelope (a legacy list of nine items, or a type byte followed by one
 * RLP list) and copies nothing: a transaction decoded from a {@link ByteSlice} is a view of the
 * array it was read from (a received message, a stored block body), which its holders never change
 * (a block's transactions were 7 % of the bytes sync allocated when each was copied out). The
 * fields are decoded on first use of {@link #fields()}; the sender is recovered only by {@link
 * #sender()}. A type this code does not know still has a type, an encoding and a hash. Immutable
 * and safe to share.
 */
public final class Transaction {
    private static final int LEGACY_FIELD_COUNT = 9;

    private final int type;
    // the canonical encoding: source[offset, offset + length)
    private final byte[] source;
    private final int offset;
    private final int length;
    private volatile Hash hash;
    private volatile TransactionFields fields;

    private Transaction(int type, ByteSlice encoding) {
        this.type = type;
        this.source = encoding.array();
        this.offset = encoding.offset();
        this.length = encoding.length();
    }

    /** Decodes a canonical encoding (a copy is kept). */
    public static Transaction decode(byte[] encoding) {
        return decode(ByteSlice.of(encoding.clone()));
    }

    /**
     * Decodes a canonical encoding and keeps a view of it, not a copy: the slice's array must not
     * change while the transaction is in use.
     */
    public static Transaction decode(ByteSlice encoding) {
        return new Transaction(checkEnvelope(encoding), encoding);
    }

    /**
     * Reads one element of a block body's transaction list (or of a Transactions message): a legacy
     * transaction is an RLP list, a typed one an RLP string holding {@code type || payload}.
     */
    public static Transaction readBodyItem(RlpReader reader) {
        if (reader.nextIsList()) {
            return decode(reader.readRawSlice());
        }
        int at = reader.position();
        ByteSlice envelope = reader.readSlice();
        if (envelope.isEmpty() || (envelope.get(0) & 0xff) >= 0x80) {
            throw new RlpException("a transaction string must hold a typed envelope", at);
        }
        return decode(envelope);
    }

    /** Writes this transaction as an element of a block body's transaction list. */
    public void writeBodyItem(RlpWriter w) {
        if (type == 0) {
            w.writeRaw(source, offset, length);
        } else {
            w.writeBytes(source, offset, length);
        }
    }

    /** The envelope type: 0 for legacy, else the EIP-2718 type byte. */
    public int type() {
        return type;
    }

    /** The type, when this code knows it. */
    public Optional<TransactionType> knownType() {
        return TransactionType.of(type);
    }

    /** Keccak-256 of the canonical encoding. */
    public Hash hash() {
        Hash h = hash;
        if (h == null) {
            h = Keccak256.hashOf(encodingSlice());
            hash = h;
        }
        return h;
    }

    /** True when the hash has been computed (and memoised) already. */
    boolean hasHash() {
        return hash != null;
    }

    /** Memoises a hash computed elsewhere ({@link Transactions#hashAll}); it must be this one's. */
    void presetHash(Hash computed) {
        hash = computed;
    }

    /** A copy of the canonical encoding. */
    public byte[] encoding() {
        return Arrays.copyOfRange(source, offset, offset + length);
    }

    /** The canonical encoding without a copy. Do not modify. */
    public ByteSlice encodingSlice() {
        return new ByteSlice(source, offset, length);
    }

    /** The canonical encoding's length in bytes. */
    public int encodedLength() {
        return length;
    }

    /**
     * The decoded fields, decoded once on first call.
     *
     * @throws RlpException when the fields are malformed or the type is unknown
     */
    public TransactionFields fields() {
        TransactionFields f = fields;
        if (f == null) {
            f = TransactionDecoder.decode(type, encodingSlice());
            fields = f;
        }
        return f;
    }

    /**
     * Recovers the sender from the signature: a secp256k1 recovery, so call it on demand (RPC),
     * never on the sync path.
     *
     * @throws InvalidSignatureException when no sender can be recovered
     */
    public Address sender() {
        return TransactionSigner.recoverSender(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t
                && Arrays.equals(
                        source, offset, offset + length, t.source, t.offset, t.offset + t.length);
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "Transaction{type=" + type + ", hash=" + hash() + ", size=" + length + "}";
    }

    /** Checks the envelope and returns the type. */
    private static int checkEnvelope(ByteSlice e) {
        if (e.isEmpty()) {
            throw new RlpException("empty transaction", e.offset());
        }
        int first = e.get(0) & 0xff;
        if (first >= 0xc0) {
            RlpReader top = RlpReader.of(e);
            RlpReader items = top.readList();
            top.ensureEnd();
            int count = 0;
            while (items.hasNext()) {
                items.skip();
                count++;
            }
            if (count != LEGACY_FIELD_COUNT) {
                throw new RlpException(
                        "legacy transaction has " + count + " fields, expected 9", e.offset());
            }
            return 0;
        }
        if (first == 0 || first > 0x7f) {
            throw new RlpException(
                    "transaction type byte must be 0x01..0x7f, got 0x" + Integer.toHexString(first),
                    e.offset());
        }
        RlpReader top = RlpReader.of(e.array(), e.offset() + 1, e.length() - 1);
        top.readList();
        top.ensureEnd();
        return first;
    }
}
