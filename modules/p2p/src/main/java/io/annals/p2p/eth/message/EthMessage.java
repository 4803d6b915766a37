package io.annals.p2p.eth.message;

import io.annals.core.chain.ForkId;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.HeaderQuery;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The eth wire protocol's messages, eth/68 to eth/70 (<a
 * href="https://github.com/ethereum/devp2p/blob/master/caps/eth.md">caps/eth.md</a>; request ids:
 * <a href="https://eips.ethereum.org/EIPS/eip-2481">EIP-2481</a>; eth/69: <a
 * href="https://eips.ethereum.org/EIPS/eip-7642">EIP-7642</a>; eth/70: <a
 * href="https://eips.ethereum.org/EIPS/eip-7975">EIP-7975</a>). Encoded and decoded by {@link
 * EthEncoder} and {@link EthDecoder} for one negotiated version.
 *
 * <p>Responses carry their items as raw RLP: {@link ByteSlice} views of the received payload, so
 * that receiving a response costs no copy and callers decode (or store) the exact bytes. Request
 * ids are unsigned 64-bit values in {@code long} bits.
 */
public sealed interface EthMessage {
    /** The message code relative to the capability offset ({@link EthMessageCodes}). */
    int code();

    /** A message that answers a request, carrying the request's id. */
    sealed interface Response extends EthMessage permits BlockHeaders, BlockBodies, Receipts {
        long requestId();

        /** How many items (headers, bodies, per-block receipt lists) the response holds. */
        int itemCount();
    }

    /** The handshake message; its layout depends on the version. */
    sealed interface Status extends EthMessage permits StatusEth68, StatusEth69 {
        int version();

        long networkId();

        Hash genesisHash();

        ForkId forkId();

        /** The hash of the peer's best block: eth/68's head, eth/69's latest available block. */
        Hash headHash();

        @Override
        default int code() {
            return EthMessageCodes.STATUS;
        }
    }

    /** eth/68 Status: {@code [version, networkid, td, blockhash, genesis, forkid]}. */
    record StatusEth68(
            int version,
            long networkId,
            BigInteger totalDifficulty,
            Hash headHash,
            Hash genesisHash,
            ForkId forkId)
            implements Status {}

    /**
     * eth/69 and eth/70 Status: {@code [version, networkid, genesis, forkid, earliestBlock,
     * latestBlock, latestBlockHash]} (EIP-7642 moved the block hash last, to match
     * BlockRangeUpdate).
     */
    record StatusEth69(
            int version, long networkId, Hash genesisHash, ForkId forkId, AnnouncedRange range)
            implements Status {
        @Override
        public Hash headHash() {
            return range.latestHash();
        }
    }

    /**
     * {@code [[hash, number], ...]}: blocks the peer says appeared (pre-merge gossip, kept as a
     * hint).
     */
    record NewBlockHashes(List<BlockHashAnnouncement> announcements) implements EthMessage {
        public NewBlockHashes {
            announcements = List.copyOf(announcements);
        }

        @Override
        public int code() {
            return EthMessageCodes.NEW_BLOCK_HASHES;
        }
    }

    /** {@code [request-id, [origin, amount, skip, reverse]]}. */
    record GetBlockHeaders(long requestId, HeaderQuery query) implements EthMessage {
        public GetBlockHeaders {
            Objects.requireNonNull(query, "query");
        }

        @Override
        public int code() {
            return EthMessageCodes.GET_BLOCK_HEADERS;
        }
    }

    /** {@code [request-id, [header, ...]]}; each item is a header's RLP list. */
    record BlockHeaders(long requestId, List<ByteSlice> headers) implements Response {
        public BlockHeaders {
            headers = List.copyOf(headers);
        }

        @Override
        public int code() {
            return EthMessageCodes.BLOCK_HEADERS;
        }

        @Override
        public int itemCount() {
            return headers.size();
        }
    }

    /** {@code [request-id, [hash, ...]]}. */
    record GetBlockBodies(long requestId, List<Hash> hashes) implements EthMessage {
        public GetBlockBodies {
            hashes = List.copyOf(hashes);
        }

        @Override
        public int code() {
            return EthMessageCodes.GET_BLOCK_BODIES;
        }
    }

    /** {@code [request-id, [body, ...]]}; each item is a body's RLP list. */
    record BlockBodies(long requestId, List<ByteSlice> bodies) implements Response {
        public BlockBodies {
            bodies = List.copyOf(bodies);
        }

        @Override
        public int code() {
            return EthMessageCodes.BLOCK_BODIES;
        }

        @Override
        public int itemCount() {
            return bodies.size();
        }
    }

    /**
     * eth/68 and eth/69: {@code [request-id, [hash, ...]]}; eth/70: {@code [request-id,
     * firstBlockReceiptIndex, [hash, ...]]}, where the first block's list starts at that index.
     * Always 0 before eth/70.
     */
    record GetReceipts(long requestId, long firstBlockReceiptIndex, List<Hash> hashes)
            implements EthMessage {
        public GetReceipts {
            hashes = List.copyOf(hashes);
        }

        @Override
        public int code() {
            return EthMessageCodes.GET_RECEIPTS;
        }
    }

    /**
     * eth/68 and eth/69: {@code [request-id, [[receipt, ...], ...]]}; eth/70: {@code [request-id,
     * lastBlockIncomplete, [[receipt, ...], ...]]}. Each item is one block's receipt list in the
     * version's form (eth/68: consensus receipts with bloom; eth/69+: without bloom).
     */
    record Receipts(long requestId, boolean lastBlockIncomplete, List<ByteSlice> blockReceipts)
            implements Response {
        public Receipts {
            blockReceipts = List.copyOf(blockReceipts);
        }

        @Override
        public int code() {
            return EthMessageCodes.RECEIPTS;
        }

        @Override
        public int itemCount() {
            return blockReceipts.size();
        }
    }

    /** eth/69+: {@code [earliestBlock, latestBlock, latestBlockHash]}. */
    record BlockRangeUpdate(AnnouncedRange range) implements EthMessage {
        public BlockRangeUpdate {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public int code() {
            return EthMessageCodes.BLOCK_RANGE_UPDATE;
        }
    }

    /**
     * {@code [request-id, [hash, ...]]}: this node keeps no transaction pool and answers with an
     * empty list.
     */
    record GetPooledTransactions(long requestId) implements EthMessage {
        @Override
        public int code() {
            return EthMessageCodes.GET_POOLED_TRANSACTIONS;
        }
    }

    /**
     * {@code [request-id, [tx, ...]]}; sent only empty, in answer to GetPooledTransactions.
     * Received, only its id is read, and it is dropped: this node never asks for transactions.
     */
    record PooledTransactions(long requestId) implements EthMessage {
        @Override
        public int code() {
            return EthMessageCodes.POOLED_TRANSACTIONS;
        }
    }

    /**
     * Gossip this history node does not use (Transactions, NewBlock, NewPooledTransactionHashes)
     * and unused codes: not decoded, dropped without penalty.
     */
    record Ignored(int code) implements EthMessage {}
}
