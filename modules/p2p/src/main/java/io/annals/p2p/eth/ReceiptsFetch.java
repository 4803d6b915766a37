package io.annals.p2p.eth;

import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.eth.message.EthMessageCodes;
import io.annals.p2p.wire.DisconnectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the receipt lists of some blocks, in as many GetReceipts messages as eth/70 needs (<a
 * href="https://eips.ethereum.org/EIPS/eip-7975">EIP-7975</a>). When a response says {@code
 * lastBlockIncomplete}, the last list is a part: its receipts are kept (views of the message),
 * checked against the block's {@link ReceiptBounds}, and the rest is asked for with {@code
 * firstBlockReceiptIndex} set to the count received so far, together with the blocks not yet
 * answered. Each round must bring at least one receipt, so the exchange ends. A joined list is
 * re-wrapped under one list header. The result is a prefix of the blocks asked for, each list
 * complete; a block whose remaining parts the peer stops serving is left out. Before eth/70 this is
 * a single request. Confined to the session's I/O thread.
 */
final class ReceiptsFetch implements RequestTracker.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptsFetch.class);

    private final EthLink link;
    private final RequestTracker tracker;
    private final List<Hash> hashes;
    private final List<ReceiptBounds> bounds;
    private final CompletableFuture<List<RawReceiptList>> result;
    private final RawReceiptList.Form form;
    private final List<RawReceiptList> complete = new ArrayList<>();

    /** The receipts so far of block {@code complete.size()}, when it is arriving in parts. */
    private List<ByteSlice> partial;

    private long partialLogBytes;

    ReceiptsFetch(
            EthLink link,
            RequestTracker tracker,
            List<Hash> hashes,
            List<ReceiptBounds> bounds,
            CompletableFuture<List<RawReceiptList>> result) {
        this.link = link;
        this.tracker = tracker;
        this.hashes = List.copyOf(hashes);
        this.bounds = List.copyOf(bounds);
        this.result = result;
        this.form = RawReceiptList.formOf(link.version());
    }

    void start() {
        request(0);
    }

    private void request(long firstIndex) {
        List<Hash> rest = hashes.subList(complete.size(), hashes.size());
        String description =
                "GetReceipts for "
                        + rest.size()
                        + " blocks"
                        + (firstIndex > 0 ? " from receipt " + firstIndex + " of the first" : "");
        tracker.send(
                id -> new EthMessage.GetReceipts(id, firstIndex, rest),
                EthMessageCodes.RECEIPTS,
                rest.size(),
                description,
                this);
    }

    @Override
    public void onResponse(EthMessage.Response response) {
        EthMessage.Receipts receipts = (EthMessage.Receipts) response;
        List<ByteSlice> lists = receipts.blockReceipts();
        boolean incomplete = receipts.lastBlockIncomplete();
        if (lists.isEmpty()) {
            if (incomplete) {
                breach("an empty Receipts marked lastBlockIncomplete");
            } else {
                finish();
            }
            return;
        }
        try {
            for (int i = 0; i < lists.size(); i++) {
                boolean partOfLast = incomplete && i == lists.size() - 1;
                boolean continues = i == 0 && partial != null;
                if (!partOfLast && !continues) {
                    complete.add(new RawReceiptList(form, lists.get(i)));
                    continue;
                }
                if (!continues) {
                    partial = new ArrayList<>();
                    partialLogBytes = 0;
                }
                long room = bounds.get(complete.size()).maxReceipts() - partial.size();
                List<ByteSlice> items = items(lists.get(i), room);
                partial.addAll(items);
                if (partOfLast) {
                    Optional<String> problem = checkPart(items);
                    if (problem.isPresent()) {
                        breach(problem.get());
                        return;
                    }
                } else {
                    complete.add(new RawReceiptList(form, join(partial)));
                    partial = null;
                }
            }
        } catch (RlpException e) {
            breach("malformed partial receipt list: " + e.getMessage());
            return;
        }
        if (incomplete) {
            LOG.debug(
                    "receipts of block {} from {} arrive in parts: asking for the rest from receipt {}",
                    hashes.get(complete.size()),
                    link.peerName(),
                    partial.size());
            request(partial.size());
        } else {
            finish();
        }
    }

    @Override
    public void onFailure(EthRequestException failure) {
        result.completeExceptionally(failure);
    }

    /** The bounds of the block now arriving in parts, after a part of {@code items}. */
    private Optional<String> checkPart(List<ByteSlice> items) {
        int block = complete.size();
        if (items.isEmpty()) {
            return Optional.of(
                    "a part of block " + hashes.get(block) + "'s receipts with no receipt in it");
        }
        partialLogBytes += ReceiptBounds.logBytes(items);
        return bounds.get(block)
                .violation(partial.size(), partialLogBytes)
                .map(v -> "partial receipts of block " + hashes.get(block) + ": " + v);
    }

    private void finish() {
        result.complete(List.copyOf(complete));
    }

    private void breach(String description) {
        link.fail(DisconnectReason.BREACH_OF_PROTOCOL, description);
        result.completeExceptionally(
                new InvalidResponseException(description + " from " + link.peerName()));
    }

    /**
     * The receipts of one list, as views; more than {@code room} is refused before they are all
     * sliced.
     */
    private static List<ByteSlice> items(ByteSlice list, long room) {
        RlpReader reader = RlpReader.of(list).readList();
        List<ByteSlice> items = new ArrayList<>();
        while (reader.hasNext()) {
            if (items.size() >= room) {
                throw new RlpException(
                        "more receipts than the block's gas allows", reader.position());
            }
            items.add(reader.readRawSlice());
        }
        return items;
    }

    private static ByteSlice join(List<ByteSlice> items) {
        long size = 16;
        for (ByteSlice item : items) {
            size += item.length();
        }
        RlpWriter w = new RlpWriter((int) Math.min(size, Integer.MAX_VALUE - 16));
        int mark = w.startList();
        for (ByteSlice item : items) {
            w.writeRaw(item);
        }
        w.endList(mark);
        return ByteSlice.of(w.toByteArray());
    }
}
