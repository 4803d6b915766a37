package io.annals.p2p.eth.message;

import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.BlockOrigin;
import io.annals.p2p.eth.HeaderQuery;
import java.util.List;

/**
 * Encodes eth messages for one negotiated version (the layouts are in {@link EthMessage}). Raw
 * items of responses are written as they are, so serving pre-encoded headers, bodies and receipts
 * costs one copy into the message.
 */
public final class EthEncoder {
    private final int version;

    public EthEncoder(int version) {
        this.version = version;
    }

    public byte[] encode(EthMessage message) {
        RlpWriter w = new RlpWriter(initialSize(message));
        if (message instanceof EthMessage.StatusEth68 s) {
            requireVersion(s, s.version() == 68);
            int mark = w.startList();
            w.writeLong(s.version()).writeLong(s.networkId()).writeBigInteger(s.totalDifficulty());
            w.writeHash(s.headHash()).writeHash(s.genesisHash());
            s.forkId().writeTo(w);
            w.endList(mark);
        } else if (message instanceof EthMessage.StatusEth69 s) {
            requireVersion(s, s.version() >= 69);
            int mark = w.startList();
            w.writeLong(s.version()).writeLong(s.networkId()).writeHash(s.genesisHash());
            s.forkId().writeTo(w);
            writeRange(w, s.range());
            w.endList(mark);
        } else if (message instanceof EthMessage.NewBlockHashes n) {
            int mark = w.startList();
            for (BlockHashAnnouncement a : n.announcements()) {
                int pair = w.startList();
                w.writeHash(a.hash()).writeLong(a.number());
                w.endList(pair);
            }
            w.endList(mark);
        } else if (message instanceof EthMessage.GetBlockHeaders g) {
            int mark = w.startList();
            w.writeLong(g.requestId());
            writeQuery(w, g.query());
            w.endList(mark);
        } else if (message instanceof EthMessage.BlockHeaders h) {
            writeItems(w, h.requestId(), h.headers());
        } else if (message instanceof EthMessage.GetBlockBodies g) {
            writeHashes(w, g.requestId(), g.hashes());
        } else if (message instanceof EthMessage.BlockBodies b) {
            writeItems(w, b.requestId(), b.bodies());
        } else if (message instanceof EthMessage.GetReceipts g) {
            requireVersion(g, version >= 70 || g.firstBlockReceiptIndex() == 0);
            int mark = w.startList();
            w.writeLong(g.requestId());
            if (version >= 70) {
                w.writeLong(g.firstBlockReceiptIndex());
            }
            writeHashList(w, g.hashes());
            w.endList(mark);
        } else if (message instanceof EthMessage.Receipts r) {
            requireVersion(r, version >= 70 || !r.lastBlockIncomplete());
            int mark = w.startList();
            w.writeLong(r.requestId());
            if (version >= 70) {
                w.writeBoolean(r.lastBlockIncomplete());
            }
            writeRawList(w, r.blockReceipts());
            w.endList(mark);
        } else if (message instanceof EthMessage.BlockRangeUpdate u) {
            requireVersion(u, version >= 69);
            int mark = w.startList();
            writeRange(w, u.range());
            w.endList(mark);
        } else if (message instanceof EthMessage.GetPooledTransactions g) {
            writeHashes(w, g.requestId(), List.of());
        } else if (message instanceof EthMessage.PooledTransactions p) {
            writeItems(w, p.requestId(), List.of());
        } else {
            throw new IllegalArgumentException("not an encodable eth message: " + message);
        }
        return w.toByteArray();
    }

    private void requireVersion(EthMessage message, boolean allowed) {
        if (!allowed) {
            throw new IllegalArgumentException(
                    EthMessageCodes.name(message.code())
                            + " "
                            + message
                            + " cannot be sent on eth/"
                            + version);
        }
    }

    private static void writeRange(RlpWriter w, AnnouncedRange range) {
        w.writeLong(range.earliest()).writeLong(range.latest()).writeHash(range.latestHash());
    }

    private static void writeQuery(RlpWriter w, HeaderQuery query) {
        int mark = w.startList();
        if (query.origin() instanceof BlockOrigin.ByHash byHash) {
            w.writeHash(byHash.hash());
        } else {
            w.writeLong(((BlockOrigin.ByNumber) query.origin()).number());
        }
        w.writeLong(query.amount()).writeLong(query.skip()).writeBoolean(query.reverse());
        w.endList(mark);
    }

    private static void writeItems(RlpWriter w, long requestId, List<ByteSlice> items) {
        int mark = w.startList();
        w.writeLong(requestId);
        writeRawList(w, items);
        w.endList(mark);
    }

    private static void writeRawList(RlpWriter w, List<ByteSlice> items) {
        int mark = w.startList();
        for (ByteSlice item : items) {
            w.writeRaw(item);
        }
        w.endList(mark);
    }

    private static void writeHashes(RlpWriter w, long requestId, List<Hash> hashes) {
        int mark = w.startList();
        w.writeLong(requestId);
        writeHashList(w, hashes);
        w.endList(mark);
    }

    private static void writeHashList(RlpWriter w, List<Hash> hashes) {
        int mark = w.startList();
        for (Hash hash : hashes) {
            w.writeHash(hash);
        }
        w.endList(mark);
    }

    /** Room for the whole message, so that a large response is not copied while it grows. */
    private static int initialSize(EthMessage message) {
        List<ByteSlice> items =
                message instanceof EthMessage.BlockHeaders h
                        ? h.headers()
                        : message instanceof EthMessage.BlockBodies b
                                ? b.bodies()
                                : message instanceof EthMessage.Receipts r
                                        ? r.blockReceipts()
                                        : List.of();
        long size = 64;
        for (ByteSlice item : items) {
            size += item.length();
        }
        return (int) Math.min(size + 16, Integer.MAX_VALUE - 16);
    }
}
