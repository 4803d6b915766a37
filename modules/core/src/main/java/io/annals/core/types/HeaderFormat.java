package io.annals.core.types;

/**
 * The field layouts a block header has had on mainnet, each the previous one plus fields appended
 * by a fork. A header's layout is its field count: fields are positional and never optional in the
 * middle. A header with more fields than {@link #AMSTERDAM} belongs to a later fork; its extra
 * fields are kept raw.
 */
public enum HeaderFormat {
    /** Frontier to Berlin: 15 fields ending in mixHash and nonce. */
    FRONTIER(15),
    /** London: + baseFeePerGas (EIP-1559). */
    LONDON(16),
    /** Shanghai: + withdrawalsRoot (EIP-4895). */
    SHANGHAI(17),
    /** Cancun: + blobGasUsed, excessBlobGas (EIP-4844), parentBeaconBlockRoot (EIP-4788). */
    CANCUN(20),
    /** Prague: + requestsHash (EIP-7685). */
    PRAGUE(21),
    /** Amsterdam: + blockAccessListHash (EIP-7928). */
    AMSTERDAM(22);

    private final int fieldCount;

    HeaderFormat(int fieldCount) {
        this.fieldCount = fieldCount;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** The newest layout whose fields a header of {@code fieldCount} fields carries. */
    public static HeaderFormat ofFieldCount(int fieldCount) {
        HeaderFormat match = null;
        for (HeaderFormat f : values()) {
            if (f.fieldCount <= fieldCount) {
                match = f;
            }
        }
        if (match == null
                || (fieldCount < AMSTERDAM.fieldCount && match.fieldCount != fieldCount)) {
            throw new IllegalArgumentException("no header layout has " + fieldCount + " fields");
        }
        return match;
    }
}
