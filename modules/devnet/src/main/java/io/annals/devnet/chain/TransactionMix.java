package io.annals.devnet.chain;

import io.annals.core.types.TransactionType;

/**
 * Relative weights of the transaction envelope types in a block. The default is shaped like mainnet
 * in 2025: mostly EIP-1559, a steady share of legacy (EIP-155) transactions, a few blob carriers,
 * EIP-7702 set-code transactions and the odd EIP-2930 access-list transaction.
 */
public record TransactionMix(int legacy, int accessList, int dynamicFee, int blob, int setCode) {
    public static final TransactionMix MAINNET = new TransactionMix(14, 1, 81, 2, 2);

    public TransactionMix {
        if (legacy < 0 || accessList < 0 || dynamicFee < 0 || blob < 0 || setCode < 0) {
            throw new IllegalArgumentException(
                    "transaction type weights must not be negative: " + this);
        }
        if (legacy + accessList + dynamicFee + blob + setCode == 0) {
            throw new IllegalArgumentException(
                    "at least one transaction type needs a positive weight");
        }
    }

    /** Draws a type with probability proportional to its weight. */
    TransactionType draw(SplitMix random) {
        int roll = random.nextInt(legacy + accessList + dynamicFee + blob + setCode);
        if ((roll -= legacy) < 0) {
            return TransactionType.LEGACY;
        }
        if ((roll -= accessList) < 0) {
            return TransactionType.ACCESS_LIST;
        }
        if ((roll -= dynamicFee) < 0) {
            return TransactionType.DYNAMIC_FEE;
        }
        return roll - blob < 0 ? TransactionType.BLOB : TransactionType.SET_CODE;
    }

    /** The weight of one type. */
    public int weight(TransactionType type) {
        return switch (type) {
            case LEGACY -> legacy;
            case ACCESS_LIST -> accessList;
            case DYNAMIC_FEE -> dynamicFee;
            case BLOB -> blob;
            case SET_CODE -> setCode;
        };
    }

    public int total() {
        return legacy + accessList + dynamicFee + blob + setCode;
    }
}
