package io.annals.cluster.read;

import io.annals.cluster.wire.ClusterMessage;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.BlockReceipts;
import io.annals.store.LogQueryResult;
import io.annals.store.TransactionLocation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The answer to one {@link ReadRequest}, of the kind the request asks for. */
public sealed interface ReadReply extends ClusterMessage {

    /** A header's RLP, a body's RLP: bytes exactly as stored. */
    record Bytes(Optional<byte[]> bytes) implements ReadReply {}

    record OneHash(Optional<Hash> hash) implements ReadReply {}

    record Number(OptionalLong number) implements ReadReply {}

    record Hashes(Optional<List<Hash>> hashes) implements ReadReply {
        public Hashes {
            hashes = hashes.map(List::copyOf);
        }
    }

    record Transaction(Optional<TransactionLocation> location) implements ReadReply {}

    record Receipts(Optional<BlockReceipts> receipts) implements ReadReply {}

    record Logs(LogQueryResult result) implements ReadReply {
        public Logs {
            Objects.requireNonNull(result, "result");
        }
    }

    record Missing(List<BlockRange> missing) implements ReadReply {
        public Missing {
            missing = List.copyOf(missing);
        }
    }

    /** The store could not answer (it is closing, or it failed); the reason for the log. */
    record Failed(String reason) implements ReadReply {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
