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
 * the reader's eth/69 lists, keeping each response within {@code receipts-message-size}. The first
 * block's list starts at {@code firstBlockReceiptIndex}. A list that does not fit in what is left
 * ends the response before it (the client asks again from there), unless no receipt came before it:
 * then it is cut after the last receipt that fits, at least one, and the response says {@code
 * lastBlockIncomplete}. So a block is split across messages only when its receipts alone exceed the
 * limit, and every round trip makes progress. Receipts are sliced out of the stored list, never
 * decoded; a list served whole is sent as stored.
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
        boolean anyReceipt = false;
        List<Hash> hashes = request.hashes();
        for (int i = 0; i < hashes.size(); i++) {
            if (lists.size() >= settings.maxReceiptsServed()
                    || bytes >= settings.softResponseSize()) {
                break;
            }
            Optional<byte[]> stored = chain.receiptsEth69(hashes.get(i));
            if (stored.isEmpty()) {
                break;
            }
            long firstIndex = i == 0 ? request.firstBlockReceiptIndex() : 0;
            long room = settings.receiptsMessageSize() - bytes;
            ByteSlice list;
            boolean complete;
            if (firstIndex == 0 && stored.get().length <= room) {
                list = ByteSlice.of(stored.get());
                complete = true;
                // anything but the empty list (0xc0) holds a receipt
                anyReceipt |= stored.get().length > 1;
            } else {
                Cut cut = cut(stored.get(), firstIndex, room, !anyReceipt);
                if (cut.incomplete() && anyReceipt) {
                    break;
                }
                list = cut.list();
                complete = !cut.incomplete();
                anyReceipt |= cut.receipts() > 0;
            }
            lists.add(list);
            bytes += list.length();
            if (!complete) {
                return new EthMessage.Receipts(request.requestId(), true, lists);
            }
        }
        return new EthMessage.Receipts(request.requestId(), false, lists);
    }

    /**
     * A block's list from receipt {@code firstIndex}, cut to fit; whether receipts were left out.
     */
    private record Cut(ByteSlice list, int receipts, boolean incomplete) {}

    /**
     * @param force keep at least one receipt, whatever its size
     */
    private static Cut cut(byte[] stored, long firstIndex, long room, boolean force) {
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
            if (!fits && !(kept.isEmpty() && force)) {
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
