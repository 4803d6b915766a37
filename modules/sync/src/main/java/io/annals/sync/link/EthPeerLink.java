package io.annals.sync.link;

import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.eth.EthPeerListener;
import io.annals.p2p.eth.PeerDisconnectedException;
import io.annals.p2p.eth.RawReceiptList;
import io.annals.p2p.eth.message.BlockHashAnnouncement;
import io.annals.p2p.wire.DisconnectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PeerLink} over an eth session ({@link EthPeer}, eth/68 to eth/70). Headers come typed
 * (the eth layer checks that they answer the query); bodies and receipt lists come raw, so their
 * wire size is known for the throughput figures, and are decoded here, on the eth worker thread
 * that completes the response, never on an actor's thread. Hints: eth/69+ announces its range in
 * Status and BlockRangeUpdate; eth/68 announces only a head hash (and, pre-merge, NewBlockHashes
 * with numbers), so the peer actor's first probe resolves the number.
 */
public final class EthPeerLink implements PeerLink {

    private static final Logger LOG = LoggerFactory.getLogger(EthPeerLink.class);

    /** Hex digits of the node id that name the peer in logs and in the engine. */
    private static final int ID_DIGITS = 16;

    private final EthPeer peer;
    private final String id;

    public EthPeerLink(EthPeer peer) {
        this.peer = peer;
        this.id = peer.id().substring(0, Math.min(ID_DIGITS, peer.id().length()));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RangeHint hint() {
        return peer.announcedRange()
                .map(
                        range ->
                                new RangeHint(
                                        range.earliest(),
                                        OptionalLong.of(range.latest()),
                                        range.latestHash()))
                .orElseGet(() -> new RangeHint(0, OptionalLong.empty(), peer.headHash()));
    }

    @Override
    public void onHintChanged(Consumer<RangeHint> listener) {
        peer.addListener(
                new EthPeerListener() {
                    @Override
                    public void onBlockRange(EthPeer source, AnnouncedRange range) {
                        listener.accept(hint());
                    }

                    @Override
                    public void onNewBlockHashes(
                            EthPeer source, List<BlockHashAnnouncement> announcements) {
                        announcements.stream()
                                .max((a, b) -> Long.compareUnsigned(a.number(), b.number()))
                                .filter(highest -> highest.number() >= 0)
                                .ifPresent(
                                        highest ->
                                                listener.accept(
                                                        hint().withHeadAtLeast(
                                                                        highest.number(),
                                                                        highest.hash())));
                    }
                });
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headers(long from, int count) {
        return peer.headers(from, count, 0, false).thenApply(EthPeerLink::withHeaderBytes);
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> header(Hash hash) {
        return peer.headers(hash, 1, 0, false).thenApply(EthPeerLink::withHeaderBytes);
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headersBack(Hash from, int count) {
        return peer.headers(from, count, 0, true).thenApply(EthPeerLink::withHeaderBytes);
    }

    @Override
    public CompletableFuture<Fetched<BlockBody>> bodies(List<Hash> hashes) {
        return peer.rawBodies(hashes)
                .thenApply(
                        items -> {
                            List<BlockBody> bodies = new ArrayList<>(items.size());
                            long bytes = 0;
                            for (ByteSlice item : items) {
                                bodies.add(decodeBody(item));
                                bytes += item.length();
                            }
                            return new Fetched<>(bodies, bytes);
                        });
    }

    @Override
    public CompletableFuture<Fetched<List<Receipt>>> receipts(List<BlockHeader> headers) {
        return peer.rawReceiptsOf(headers)
                .thenApply(
                        lists -> {
                            List<List<Receipt>> receipts = new ArrayList<>(lists.size());
                            long bytes = 0;
                            for (RawReceiptList list : lists) {
                                receipts.add(decodeReceipts(list));
                                bytes += list.encoding().length();
                            }
                            return new Fetched<>(receipts, bytes);
                        });
    }

    @Override
    public CompletableFuture<Void> closed() {
        return peer.closed().thenApply(reason -> null);
    }

    @Override
    public boolean isDisconnect(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        return cause instanceof PeerDisconnectedException;
    }

    @Override
    public void disconnect(String reason) {
        LOG.info("disconnecting {}: {}", id, reason);
        peer.disconnect(DisconnectReason.USELESS_PEER);
    }

    @Override
    public String toString() {
        return "EthPeerLink[" + id + " eth/" + peer.version() + "]";
    }

    private static Fetched<BlockHeader> withHeaderBytes(List<BlockHeader> headers) {
        long bytes = 0;
        for (BlockHeader header : headers) {
            bytes += header.unsafeEncoding().length;
        }
        return new Fetched<>(headers, bytes);
    }

    private static BlockBody decodeBody(ByteSlice item) {
        try {
            RlpReader reader = RlpReader.of(item);
            BlockBody body = BlockBody.read(reader);
            reader.ensureEnd();
            return body;
        } catch (RlpException | IllegalArgumentException e) {
            throw new MalformedResponseException("malformed block body: " + e.getMessage(), e);
        }
    }

    private static List<Receipt> decodeReceipts(RawReceiptList list) {
        try {
            return list.decode();
        } catch (RlpException | IllegalArgumentException e) {
            throw new MalformedResponseException("malformed receipt list: " + e.getMessage(), e);
        }
    }
}
