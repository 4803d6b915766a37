package io.annals.sync.link;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The sync engine's view of one live peer session: the requests it makes and the hints it reads.
 * Everything is non-blocking; futures complete on the transport's threads (never an actor's), and a
 * response may hold fewer items than asked for, always a prefix. Per-request timeouts are the
 * transport's. {@link EthPeerLink} implements it over the eth protocol; tests script it.
 */
public interface PeerLink {

    /** A short, stable name of the remote node, for logs and the engine's peer id. */
    String id();

    /** What the peer last announced (Status, BlockRangeUpdate, NewBlockHashes). */
    RangeHint hint();

    /** Calls {@code listener} (on any thread, must not block) whenever the hint changes. */
    void onHintChanged(Consumer<RangeHint> listener);

    /** Up to {@code count} consecutive canonical headers from block {@code from}, ascending. */
    CompletableFuture<Fetched<BlockHeader>> headers(long from, int count);

    /** The header with this hash, if the peer has it (a list of zero or one). */
    CompletableFuture<Fetched<BlockHeader>> header(Hash hash);

    /**
     * The header with this hash and up to {@code count - 1} of its ancestors, descending (a prefix
     * when the peer has fewer): how a chain is walked back from a head or an anchor.
     */
    CompletableFuture<Fetched<BlockHeader>> headersBack(Hash from, int count);

    /** The bodies of these blocks, in order: a prefix of the list. */
    CompletableFuture<Fetched<BlockBody>> bodies(List<Hash> hashes);

    /** The receipt lists of the blocks of these headers, in order: a prefix of the list. */
    CompletableFuture<Fetched<List<Receipt>>> receipts(List<BlockHeader> headers);

    /** Completes when the session has ended (for whatever reason). */
    CompletableFuture<Void> closed();

    /** Whether a request failed because the session ended (not a failure of the peer's data). */
    boolean isDisconnect(Throwable failure);

    /** Ends the session: the peer kept serving a chain that lost against the anchored one. */
    void disconnect(String reason);

    /**
     * Whether this is a fallback source rather than a peer: history files (era1, eraE) that the
     * scheduler hands only blocks no connected peer serves (below every peer's earliest block) and
     * blocks that escalated after failing at peers. Peers are not.
     */
    default boolean isFallbackSource() {
        return false;
    }
}
