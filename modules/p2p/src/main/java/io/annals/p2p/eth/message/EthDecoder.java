package io.annals.p2p.eth.message;

import io.annals.core.chain.ForkId;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.BlockOrigin;
import io.annals.p2p.eth.HeaderQuery;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes eth messages of one negotiated version. Every decoder is bounded: a response may hold at
 * most {@code maxResponseItems} items (more is a protocol breach: this node never asks for more),
 * and of a request's hash list only the first {@code maxRequestItems} are read, since no more are
 * ever served. Responses keep their items as views of the payload. Malformed input throws {@link
 * RlpException} naming the offset; gossip this node does not use is not decoded at all.
 */
public final class EthDecoder {
    private final int version;
    private final int maxResponseItems;
    private final int maxRequestItems;

    public EthDecoder(int version, int maxResponseItems, int maxRequestItems) {
        this.version = version;
        this.maxResponseItems = maxResponseItems;
        this.maxRequestItems = maxRequestItems;
    }

    public int version() {
        return version;
    }

    /** Decodes the payload (msg-data) of the message with this code. */
    public EthMessage decode(int code, byte[] payload) {
        return switch (code) {
            case EthMessageCodes.STATUS -> status(payload);
            case EthMessageCodes.NEW_BLOCK_HASHES -> newBlockHashes(payload);
            case EthMessageCodes.GET_BLOCK_HEADERS -> getBlockHeaders(payload);
            case EthMessageCodes.BLOCK_HEADERS -> {
                RlpReader fields = RlpReader.list(payload);
                yield new EthMessage.BlockHeaders(fields.readLong(), listItems(fields, "headers"));
            }
            case EthMessageCodes.GET_BLOCK_BODIES -> {
                RlpReader fields = RlpReader.list(payload);
                yield new EthMessage.GetBlockBodies(fields.readLong(), hashes(fields));
            }
            case EthMessageCodes.BLOCK_BODIES -> {
                RlpReader fields = RlpReader.list(payload);
                yield new EthMessage.BlockBodies(fields.readLong(), listItems(fields, "bodies"));
            }
            case EthMessageCodes.GET_RECEIPTS -> getReceipts(payload);
            case EthMessageCodes.RECEIPTS -> receipts(payload);
            case EthMessageCodes.GET_POOLED_TRANSACTIONS ->
                    new EthMessage.GetPooledTransactions(RlpReader.list(payload).readLong());
            case EthMessageCodes.POOLED_TRANSACTIONS ->
                    new EthMessage.PooledTransactions(RlpReader.list(payload).readLong());
            case EthMessageCodes.BLOCK_RANGE_UPDATE ->
                    version >= 69
                            ? new EthMessage.BlockRangeUpdate(range(RlpReader.list(payload)))
                            : new EthMessage.Ignored(code);
            default -> new EthMessage.Ignored(code);
        };
    }

    /** The request id of a response, read without decoding the rest. */
    public static long requestId(byte[] payload) {
        return RlpReader.list(payload).readLong();
    }

    private EthMessage.Status status(byte[] payload) {
        RlpReader f = RlpReader.list(payload);
        int statusVersion = f.readInt();
        long networkId = f.readLong();
        // later fields a future version may append are ignored, as EIP-8 asks of Hello
        if (version == 68) {
            BigInteger td = f.readUInt256();
            Hash head = f.readHash();
            Hash genesis = f.readHash();
            return new EthMessage.StatusEth68(
                    statusVersion, networkId, td, head, genesis, ForkId.readFrom(f));
        }
        Hash genesis = f.readHash();
        ForkId forkId = ForkId.readFrom(f);
        return new EthMessage.StatusEth69(statusVersion, networkId, genesis, forkId, range(f));
    }

    private static AnnouncedRange range(RlpReader f) {
        long earliest = f.readLong();
        long latest = f.readLong();
        return new AnnouncedRange(earliest, latest, f.readHash());
    }

    private EthMessage.NewBlockHashes newBlockHashes(byte[] payload) {
        RlpReader items = RlpReader.list(payload);
        List<BlockHashAnnouncement> out = new ArrayList<>();
        // a hint only: announcements past the bound are dropped, not refused
        while (items.hasNext() && out.size() < maxRequestItems) {
            RlpReader pair = items.readList();
            out.add(new BlockHashAnnouncement(pair.readHash(), pair.readLong()));
        }
        return new EthMessage.NewBlockHashes(out);
    }

    private EthMessage.GetBlockHeaders getBlockHeaders(byte[] payload) {
        RlpReader f = RlpReader.list(payload);
        long requestId = f.readLong();
        RlpReader q = f.readList();
        int originAt = q.position();
        BlockOrigin origin;
        if (!q.nextIsList() && q.nextPayloadLength() == Hash.SIZE) {
            origin = BlockOrigin.hash(q.readHash());
        } else if (!q.nextIsList() && q.nextPayloadLength() <= Long.BYTES) {
            origin = BlockOrigin.number(q.readLong());
        } else {
            throw new RlpException(
                    "header query origin must be a number or a 32-byte hash", originAt);
        }
        long amount = q.readLong();
        long skip = q.readLong();
        return new EthMessage.GetBlockHeaders(
                requestId, new HeaderQuery(origin, amount, skip, readFlag(q, "reverse")));
    }

    private EthMessage.GetReceipts getReceipts(byte[] payload) {
        RlpReader f = RlpReader.list(payload);
        long requestId = f.readLong();
        long firstIndex = version >= 70 ? f.readLong() : 0;
        return new EthMessage.GetReceipts(requestId, firstIndex, hashes(f));
    }

    private EthMessage.Receipts receipts(byte[] payload) {
        RlpReader f = RlpReader.list(payload);
        long requestId = f.readLong();
        boolean incomplete = version >= 70 && readFlag(f, "lastBlockIncomplete");
        return new EthMessage.Receipts(requestId, incomplete, listItems(f, "receipt lists"));
    }

    /** The next item as a list of hashes, of which at most {@code maxRequestItems} are read. */
    private List<Hash> hashes(RlpReader fields) {
        RlpReader items = fields.readList();
        List<Hash> out = new ArrayList<>();
        while (items.hasNext() && out.size() < maxRequestItems) {
            out.add(items.readHash());
        }
        return out;
    }

    /**
     * The next item as a list whose elements must be lists, returned as views; more than {@code
     * maxResponseItems} elements is an error, found before more than that many views exist.
     */
    private List<ByteSlice> listItems(RlpReader fields, String what) {
        int at = fields.position();
        RlpReader items = fields.readList();
        List<ByteSlice> out = new ArrayList<>();
        while (items.hasNext()) {
            if (out.size() == maxResponseItems) {
                throw new RlpException(
                        "response holds more than " + maxResponseItems + " " + what, at);
            }
            if (!items.nextIsList()) {
                throw new RlpException(what + " must be RLP lists", items.position());
            }
            out.add(items.readRawSlice());
        }
        return out;
    }

    private static boolean readFlag(RlpReader reader, String what) {
        int at = reader.position();
        long value = reader.readLong();
        if (value != 0 && value != 1) {
            throw new RlpException(
                    what + " must be 0 or 1, got " + Long.toUnsignedString(value), at);
        }
        return value == 1;
    }
}
