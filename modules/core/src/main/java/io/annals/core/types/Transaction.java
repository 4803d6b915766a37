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
 * RLP list), so the hot path costs one copy and, when asked, one Keccak. The fields are decoded on
 * first use of {@link #fields()}; the sender is recovered only by {@link #sender()}. A type this
 * code does not know still has a type, an encoding and a hash. Immutable and safe to share.
 */
public final class Transaction {
    private static final int LEGACY_FIELD_COUNT = 9;

    private final int type;
    private final byte[] encoding;
    private volatile Hash hash;
    private volatile TransactionFields fields;

    private Transaction(int type, byte[] encoding) {
        this.type = type;
        this.encoding = encoding;
    }

    /** Decodes a canonical encoding (a copy is kept). */
    public static Transaction decode(byte[] encoding) {
        return decode(ByteSlice.of(encoding));
    }

    public static Transaction decode(ByteSlice encoding) {
        return new Transaction(checkEnvelope(encoding), encoding.toArray());
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
            w.writeRaw(encoding);
        } else {
            w.writeBytes(encoding);
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
            h = Keccak256.hashOf(encoding);
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
        return encoding.clone();
    }

    /** The canonical encoding without a copy. Do not modify. */
    public byte[] unsafeEncoding() {
        return encoding;
    }

    /**
     * The decoded fields, decoded once on first call.
     *
     * @throws RlpException when the fields are malformed or the type is unknown
     */
    public TransactionFields fields() {
        TransactionFields f = fields;
        if (f == null) {
            f = TransactionDecoder.decode(type, encoding);
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
        return o instanceof Transaction t && Arrays.equals(encoding, t.encoding);
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "Transaction{type=" + type + ", hash=" + hash() + ", size=" + encoding.length + "}";
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
