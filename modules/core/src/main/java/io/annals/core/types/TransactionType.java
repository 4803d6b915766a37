package io.annals.core.types;

import java.util.Optional;

/** The transaction envelope types this code can decode (EIP-2718 type bytes). */
public enum TransactionType {
    /** Untyped: an RLP list, optionally with an EIP-155 chain id folded into v. */
    LEGACY(0),
    /** EIP-2930: access lists. */
    ACCESS_LIST(1),
    /** EIP-1559: base fee and priority fee. */
    DYNAMIC_FEE(2),
    /** EIP-4844: blob-carrying (blocks hold the form without the blobs). */
    BLOB(3),
    /** EIP-7702: set-code authorizations. */
    SET_CODE(4);

    private final int code;

    TransactionType(int code) {
        this.code = code;
    }

    /** The type byte (0 for legacy, which has none on the wire). */
    public int code() {
        return code;
    }

    /** The known type with this byte; empty for types of forks this code does not know. */
    public static Optional<TransactionType> of(int code) {
        for (TransactionType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
