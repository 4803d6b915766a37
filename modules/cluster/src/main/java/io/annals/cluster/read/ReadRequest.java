package io.annals.cluster.read;

import io.annals.core.types.Hash;
import io.annals.store.LogQuery;
import java.util.Objects;

/**
 * One read of another host's store: the calls of {@code HistoryReader} that route to the host
 * holding the blocks. Each is answered from that host's store alone.
 */
public sealed interface ReadRequest {

    record HeaderAt(long number) implements ReadRequest {}

    record HashAt(long number) implements ReadRequest {}

    record BodyAt(long number) implements ReadRequest {}

    record TransactionHashesAt(long number) implements ReadRequest {}

    record ReceiptsAt(long number) implements ReadRequest {}

    record NumberOf(Hash hash) implements ReadRequest {
        public NumberOf {
            Objects.requireNonNull(hash, "hash");
        }
    }

    record TransactionByHash(Hash hash) implements ReadRequest {
        public TransactionByHash {
            Objects.requireNonNull(hash, "hash");
        }
    }

    record Logs(LogQuery query) implements ReadRequest {
        public Logs {
            Objects.requireNonNull(query, "query");
        }
    }

    record MissingIn(long from, long to) implements ReadRequest {}
}
