package io.annals.store;

import io.annals.core.types.Hash;
import io.annals.core.types.Transaction;

/** A stored transaction with the block that holds it and its index there. */
public record TransactionLocation(
        long blockNumber, Hash blockHash, int index, Transaction transaction) {}
