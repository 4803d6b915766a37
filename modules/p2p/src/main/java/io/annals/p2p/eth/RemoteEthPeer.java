package io.annals.p2p.eth;

import io.annals.core.chain.ChainSpec;
import io.annals.core.rlp.RlpException;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.DecodeLimits;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.eth.message.BlockHashAnnouncement;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.eth.message.EthMessageCodes;
import io.annals.p2p.wire.DisconnectReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EthPeer} of one session. Requests hop onto the session's I/O thread, where the {@link
 * RequestTracker} owns them; results come back on the worker executor, where the typed variants
 * decode them. The hints (range, head) are written on the I/O thread and read anywhere.
 */
final class RemoteEthPeer implements EthPeer {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteEthPeer.class);

    private final EthLink link;
    private final RequestTracker tracker;
    private final ChainSpec chain;
    private final EthMessage.Status status;
    private final List<EthPeerListener> listeners = new CopyOnWriteArrayList<>();
    private volatile AnnouncedRange range;
    private volatile Hash headHash;

    RemoteEthPeer(EthLink link, RequestTracker tracker, ChainSpec chain, EthMessage.Status status) {
        this.link = link;
        this.tracker = tracker;
        this.chain = chain;
        this.status = status;
        this.range = status instanceof EthMessage.StatusEth69 s ? s.range() : null;
        this.headHash = status.headHash();
    }

    @Override
    public String id() {
        return link.session().remoteNodeIdHex();
    }

    @Override
    public RlpxSession session() {
        return link.session();
    }

    @Override
    public int version() {
        return link.version();
    }

    @Override
    public EthMessage.Status remoteStatus() {
        return status;
    }

    @Override
    public Optional<AnnouncedRange> announcedRange() {
        return Optional.ofNullable(range);
    }

    @Override
    public Hash headHash() {
        return headHash;
    }

    @Override
    public void addListener(EthPeerListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(EthPeerListener listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletableFuture<List<BlockHeader>> headers(
            long from, int count, long skip, boolean reverse) {
        return typedHeaders(HeaderQuery.byNumber(from, count, skip, reverse));
    }

    @Override
    public CompletableFuture<List<BlockHeader>> headers(
            Hash from, int count, long skip, boolean reverse) {
        return typedHeaders(new HeaderQuery(BlockOrigin.hash(from), count, skip, reverse));
    }

    @Override
    public CompletableFuture<List<BlockBody>> bodies(List<Hash> blockHashes) {
        return rawBodies(blockHashes)
                .thenApplyAsync(
                        items -> decoded("BlockBodies", () -> TypedResponses.bodies(items)),
                        link.worker());
    }

    @Override
    public CompletableFuture<List<List<Receipt>>> receipts(List<Hash> blockHashes) {
        return typedReceipts(rawReceipts(blockHashes));
    }

    @Override
    public CompletableFuture<List<List<Receipt>>> receiptsOf(List<BlockHeader> headers) {
        return typedReceipts(rawReceiptsOf(headers));
    }

    @Override
    public CompletableFuture<List<ByteSlice>> rawHeaders(HeaderQuery query) {
        return single(
                query.amount(),
                query.toString(),
                EthMessageCodes.BLOCK_HEADERS,
                id -> new EthMessage.GetBlockHeaders(id, query),
                r -> ((EthMessage.BlockHeaders) r).headers());
    }

    @Override
    public CompletableFuture<List<ByteSlice>> rawBodies(List<Hash> blockHashes) {
        List<Hash> hashes = List.copyOf(blockHashes);
        return single(
                hashes.size(),
                "GetBlockBodies for " + hashes.size() + " blocks",
                EthMessageCodes.BLOCK_BODIES,
                id -> new EthMessage.GetBlockBodies(id, hashes),
                r -> ((EthMessage.BlockBodies) r).bodies());
    }

    @Override
    public CompletableFuture<List<RawReceiptList>> rawReceipts(List<Hash> blockHashes) {
        ReceiptBounds generic =
                new ReceiptBounds(
                        DecodeLimits.MAX_TRANSACTIONS_PER_BLOCK,
                        link.settings().partialReceiptsMaxBlockGas()
                                / ReceiptBounds.LOG_DATA_GAS_PER_BYTE);
        return fetchReceipts(
                List.copyOf(blockHashes), Collections.nCopies(blockHashes.size(), generic));
    }

    @Override
    public CompletableFuture<List<RawReceiptList>> rawReceiptsOf(List<BlockHeader> headers) {
        List<Hash> hashes = new ArrayList<>(headers.size());
        List<ReceiptBounds> bounds = new ArrayList<>(headers.size());
        for (BlockHeader header : headers) {
            hashes.add(header.hash());
            bounds.add(ReceiptBounds.of(header, chain));
        }
        return fetchReceipts(hashes, bounds);
    }

    @Override
    public void disconnect(DisconnectReason reason) {
        link.session().disconnect(reason);
    }

    @Override
    public CompletableFuture<DisconnectReason> closed() {
        return link.session().closed();
    }

    @Override
    public String toString() {
        return "EthPeer[" + link.peerName() + "]";
    }

    /** BlockRangeUpdate arrived (already checked to be a valid range); on the I/O thread. */
    void onBlockRange(AnnouncedRange announced) {
        range = announced;
        headHash = announced.latestHash();
        notifyListeners(l -> l.onBlockRange(this, announced));
    }

    /** NewBlockHashes arrived; on the I/O thread. */
    void onNewBlockHashes(List<BlockHashAnnouncement> announcements) {
        announcements.stream()
                .max((a, b) -> Long.compareUnsigned(a.number(), b.number()))
                .ifPresent(highest -> headHash = highest.hash());
        notifyListeners(l -> l.onNewBlockHashes(this, announcements));
    }

    /** The session ended; on the I/O thread. */
    void onClosed(DisconnectReason reason) {
        notifyListeners(l -> l.onClosed(this, reason));
    }

    private CompletableFuture<List<BlockHeader>> typedHeaders(HeaderQuery query) {
        return rawHeaders(query)
                .thenApplyAsync(
                        items ->
                                decoded(
                                        "BlockHeaders",
                                        () -> {
                                            List<BlockHeader> headers =
                                                    TypedResponses.headers(items);
                                            TypedResponses.mismatch(query, headers)
                                                    .ifPresent(
                                                            problem -> {
                                                                throw invalid(
                                                                        "BlockHeaders do not answer "
                                                                                + query
                                                                                + ": "
                                                                                + problem,
                                                                        null);
                                                            });
                                            return headers;
                                        }),
                        link.worker());
    }

    private CompletableFuture<List<List<Receipt>>> typedReceipts(
            CompletableFuture<List<RawReceiptList>> raw) {
        return raw.thenApplyAsync(
                lists -> decoded("Receipts", () -> TypedResponses.receipts(lists)), link.worker());
    }

    private CompletableFuture<List<RawReceiptList>> fetchReceipts(
            List<Hash> hashes, List<ReceiptBounds> bounds) {
        CompletableFuture<List<RawReceiptList>> result = new CompletableFuture<>();
        if (admit(hashes.size(), result)) {
            onLoop(result, () -> new ReceiptsFetch(link, tracker, hashes, bounds, result).start());
        }
        return result.thenApplyAsync(Function.identity(), link.worker());
    }

    /** One request, one response: the items handed over as they came. */
    private <T> CompletableFuture<T> single(
            long count,
            String description,
            int responseCode,
            LongFunction<EthMessage> request,
            Function<EthMessage.Response, T> items) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (admit(count, result)) {
            onLoop(
                    result,
                    () ->
                            tracker.send(
                                    request,
                                    responseCode,
                                    (int) count,
                                    description,
                                    new RequestTracker.Handler() {
                                        @Override
                                        public void onResponse(EthMessage.Response response) {
                                            result.complete(items.apply(response));
                                        }

                                        @Override
                                        public void onFailure(EthRequestException failure) {
                                            result.completeExceptionally(failure);
                                        }
                                    }));
        }
        return result.thenApplyAsync(Function.identity(), link.worker());
    }

    /**
     * Refuses counts the protocol cannot carry or we never ask for; an empty ask needs no message.
     */
    @SuppressWarnings("unchecked")
    private <T> boolean admit(long count, CompletableFuture<T> result) {
        if (count < 0) {
            result.completeExceptionally(
                    new IllegalArgumentException("negative item count " + count));
            return false;
        }
        if (count > link.settings().maxRequestItems()) {
            result.completeExceptionally(
                    new TooManyRequestsException(
                            count
                                    + " items asked, at most "
                                    + link.settings().maxRequestItems()
                                    + " per request"));
            return false;
        }
        if (count == 0) {
            result.complete((T) List.of());
            return false;
        }
        return true;
    }

    private void onLoop(CompletableFuture<?> result, Runnable task) {
        if (!link.onLoop(task)) {
            result.completeExceptionally(
                    new PeerDisconnectedException(
                            DisconnectReason.CLIENT_QUITTING,
                            "the host of " + link.peerName() + " is shut down"));
        }
    }

    /** Decodes on the worker; a malformed response ends the session and fails the request. */
    private <T> T decoded(String what, Supplier<T> decode) {
        try {
            return decode.get();
        } catch (RlpException | IllegalArgumentException e) {
            throw invalid("malformed " + what + ": " + e.getMessage(), e);
        }
    }

    private InvalidResponseException invalid(String description, Throwable cause) {
        link.fail(DisconnectReason.BREACH_OF_PROTOCOL, description);
        return new InvalidResponseException(description + " from " + link.peerName(), cause);
    }

    private void notifyListeners(Consumer<EthPeerListener> call) {
        for (EthPeerListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("eth peer listener failed for {}", link.peerName(), e);
            }
        }
    }
}
