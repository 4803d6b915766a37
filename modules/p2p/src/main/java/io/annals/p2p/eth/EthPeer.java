package io.annals.p2p.eth;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.wire.DisconnectReason;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A peer that completed the eth handshake: its Status was valid for our chain. Every method is
 * thread-safe and non-blocking.
 *
 * <p>Requests return futures that complete on the executor given to {@link EthProtocol} (never on a
 * network thread). A response may legally hold fewer items than asked for, always a prefix of what
 * was asked (the peer does not have the rest, or hit its size limit): the future completes with
 * what came and the caller decides. Failures are {@link EthRequestException}s: {@link
 * RequestTimeoutException}, {@link PeerDisconnectedException}, {@link TooManyRequestsException}
 * (more than {@code max-outstanding-requests} in flight, or more than {@code max-request-items}
 * asked) and {@link InvalidResponseException} (the session is then disconnected). The typed methods
 * decode on that executor; the raw ones hand out views of the received messages, for callers that
 * decode and validate themselves.
 */
public interface EthPeer {
    /** The peer's node id as lowercase hex (128 digits). */
    String id();

    RlpxSession session();

    /** The negotiated eth version: 68, 69 or 70. */
    int version();

    /**
     * The peer's Status as received: {@link EthMessage.StatusEth68} or {@link
     * EthMessage.StatusEth69}.
     */
    EthMessage.Status remoteStatus();

    /**
     * eth/69+: the range the peer last announced (Status, then BlockRangeUpdate); empty on eth/68.
     * A hint: it lags the peer's head, and some clients announce an earliest block they cannot
     * serve.
     */
    Optional<AnnouncedRange> announcedRange();

    /**
     * The most recent head the peer announced: Status, BlockRangeUpdate or NewBlockHashes. A hint.
     */
    Hash headHash();

    void addListener(EthPeerListener listener);

    void removeListener(EthPeerListener listener);

    /**
     * Up to {@code count} canonical headers from block {@code from}, {@code skip} apart, rising or
     * falling.
     */
    CompletableFuture<List<BlockHeader>> headers(long from, int count, long skip, boolean reverse);

    /** As {@link #headers(long, int, long, boolean)}, from the block with this hash. */
    CompletableFuture<List<BlockHeader>> headers(Hash from, int count, long skip, boolean reverse);

    /** The bodies of these blocks, in order: a prefix of the list. */
    CompletableFuture<List<BlockBody>> bodies(List<Hash> blockHashes);

    /**
     * The receipt lists of these blocks, in order: a prefix of the list, each block's list
     * complete. On eth/70 a list the peer splits across messages is continued and joined here; the
     * parts are checked with bounds derived from {@code partial-receipts-max-block-gas} (EIP-7975).
     */
    CompletableFuture<List<List<Receipt>>> receipts(List<Hash> blockHashes);

    /**
     * As {@link #receipts(List)}, for the blocks of these headers; on eth/70 partial lists are
     * checked against each block's gas used, as EIP-7975 recommends.
     */
    CompletableFuture<List<List<Receipt>>> receiptsOf(List<BlockHeader> headers);

    /** The headers' RLP items, views of the response; checked only for count and list shape. */
    CompletableFuture<List<ByteSlice>> rawHeaders(HeaderQuery query);

    /** The bodies' RLP items, views of the response. */
    CompletableFuture<List<ByteSlice>> rawBodies(List<Hash> blockHashes);

    /**
     * The receipt lists as received (eth/70 parts joined), with bounds as {@link #receipts(List)}.
     */
    CompletableFuture<List<RawReceiptList>> rawReceipts(List<Hash> blockHashes);

    /** As {@link #rawReceipts(List)}, with bounds as {@link #receiptsOf(List)}. */
    CompletableFuture<List<RawReceiptList>> rawReceiptsOf(List<BlockHeader> headers);

    /** Sends Disconnect with the reason and closes the session. Idempotent. */
    void disconnect(DisconnectReason reason);

    /** Completes with the reason once the session is closed. */
    CompletableFuture<DisconnectReason> closed();
}
