package io.annals.core.types;

import io.annals.core.rlp.RlpException;

/**
 * Upper bounds on the number of items the decoders accept. The bytes come from untrusted peers, and
 * a list of tiny items (a one-byte {@code 0xc0} per element) would otherwise turn a message of a
 * few megabytes into millions of objects. Each bound sits well above what a valid mainnet block can
 * hold today, so only absurd input is refused.
 */
public final class DecodeLimits {
    /** Transactions (or receipts) in one block: a 60 M gas block holds at most ~2,900 transfers. */
    public static final int MAX_TRANSACTIONS_PER_BLOCK = 1 << 16;

    /** Ommers in one block: consensus allows two. */
    public static final int MAX_OMMERS = 2;

    /** Withdrawals in one block: consensus allows 16. */
    public static final int MAX_WITHDRAWALS = 1 << 10;

    /** Logs in one receipt: each costs at least 375 gas. */
    public static final int MAX_LOGS_PER_RECEIPT = 1 << 18;

    /** Topics in one log: LOG0 to LOG4. */
    public static final int MAX_TOPICS = 4;

    /** Addresses in one access list, and storage keys per address. */
    public static final int MAX_ACCESS_LIST_ITEMS = 1 << 16;

    /** Blob versioned hashes in one transaction (mainnet allows single digits). */
    public static final int MAX_BLOB_HASHES = 1 << 10;

    /** Authorizations in one set-code transaction. */
    public static final int MAX_AUTHORIZATIONS = 1 << 16;

    /** Header or body fields of future forks kept raw after the known ones. */
    public static final int MAX_UNKNOWN_FIELDS = 32;

    private DecodeLimits() {}

    /**
     * Throws when {@code count} exceeds {@code max}; {@code offset} locates the list in the input.
     */
    static void checkCount(int count, int max, String what, int offset) {
        if (count > max) {
            throw new RlpException("more than " + max + " " + what, offset);
        }
    }
}
