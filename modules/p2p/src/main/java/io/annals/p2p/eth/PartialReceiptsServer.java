package io.annals.p2p.eth;

import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.message.EthMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers eth/70 GetReceipts (<a href="https://eips.ethereum.org/EIPS/eip-7975">EIP-7975</a>) from
 * the reader's eth/69 lists: the first block's list starts at {@code firstBlockReceiptIndex}, and
 * when a list would take the message past {@code receipts-message-size}, it is cut after the last
 * receipt that fits and the response says {@code lastBlockIncomplete}. The first receipt of a
 * response is always sent, whatever its size, so that every round trip makes progress. Receipts
 * are sliced out of the stored list, never decoded; a list served whole is sent as stored.
 */
final class PartialReceiptsServer {
    private final ChainReader chain;
    private final EthSettings settings;

    PartialReceiptsServer(ChainReader chain, EthSettings settings) {
        this.chain = chain;
        this.settings = settings;
    }

    EthMessage.Receipts receipts(EthMessage.GetReceipts request) {
        List<ByteSlice> lists = new ArrayList<>();
        long bytes = 0;
        List<Hash> hashes = request.hashes();
        for (int i = 0; i < hashes.size(); i++) {
            if (lists.size() >= settings.maxReceiptsServed() || bytes >= settings.softResponseSize()) {
                break;
            }
            Optional<byte[]> stored = chain.receiptsEth69(hashes.get(i));
            if (stored.isEmpty()) {
                break;
            }
            long firstIndex = i == 0 ? request.firstBlockReceiptIndex() : 0;
            long room = settings.receiptsMessageSize() - bytes;
            if (firstIndex == 0 && stored.get().length <= room) {
                lists.add(ByteSlice.of(stored.get()));
                bytes += stored.get().length;
                continue;
            }
            Cut cut = cut(stored.get(), firstIndex, room, lists.isEmpty());
            if (cut.incomplete() && cut.receipts() == 0) {
                // not even one receipt of this block fits: the response ends before it
                break;
            }
            lists.add(cut.list());
            bytes += cut.list().length();
            if (cut.incomplete()) {
                return new EthMessage.Receipts(request.requestId(), true, lists);
            }
        }
        return new EthMessage.Receipts(request.requestId(), false, lists);
    }

    /** A block's list from receipt {@code firstIndex}, cut to fit; whether receipts were left out. */
    private record Cut(ByteSlice list, int receipts, boolean incomplete) {}

    private static Cut cut(byte[] stored, long firstIndex, long room, boolean firstInResponse) {
        RlpReader items = RlpReader.list(stored);
        for (long skipped = 0; skipped < firstIndex && items.hasNext(); skipped++) {
            items.skip();
        }
        List<ByteSlice> kept = new ArrayList<>();
        long size = 0;
        boolean incomplete = false;
        while (items.hasNext()) {
            ByteSlice item = items.readRawSlice();
            // a list header takes at most 5 bytes for anything below 4 GiB
            boolean fits = size + item.length() + 5 <= room;
            if (!fits && !(kept.isEmpty() && firstInResponse)) {
                incomplete = true;
                break;
            }
            kept.add(item);
            size += item.length();
        }
        RlpWriter w = new RlpWriter((int) Math.min(size + 8, Integer.MAX_VALUE - 8));
        int mark = w.startList();
        for (ByteSlice item : kept) {
            w.writeRaw(item);
        }
        w.endList(mark);
        return new Cut(ByteSlice.of(w.toByteArray()), kept.size(), incomplete);
    }
}
