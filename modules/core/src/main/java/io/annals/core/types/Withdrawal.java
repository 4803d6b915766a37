package io.annals.core.types;

import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;

/**
 * A validator withdrawal (EIP-4895): {@code rlp([index, validatorIndex, address, amount])}, the
 * amount in gwei. All numbers are unsigned 64-bit values held in {@code long} bits.
 */
public record Withdrawal(long index, long validatorIndex, Address address, long amountGwei) {
    public Withdrawal {
        java.util.Objects.requireNonNull(address, "address");
    }

    public static Withdrawal read(RlpReader reader) {
        RlpReader fields = reader.readList();
        Withdrawal w =
                new Withdrawal(
                        fields.readLong(),
                        fields.readLong(),
                        fields.readAddress(),
                        fields.readLong());
        fields.ensureEnd();
        return w;
    }

    public void write(RlpWriter w) {
        int mark = w.startList();
        w.writeLong(index);
        w.writeLong(validatorIndex);
        w.writeAddress(address);
        w.writeLong(amountGwei);
        w.endList(mark);
    }

    /** The encoding, the value of this withdrawal in the withdrawals trie. */
    public byte[] encode() {
        RlpWriter w = new RlpWriter(64);
        write(w);
        return w.toByteArray();
    }

    public static Withdrawal decode(byte[] encoding) {
        RlpReader reader = RlpReader.of(encoding);
        Withdrawal w = read(reader);
        reader.ensureEnd();
        return w;
    }
}
