package io.annals.rpc.eth;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.rpc.eth.json.BlockContext;
import java.util.List;

/**
 * A block read back from the store: its header, its body (with the bytes it was stored as) and its
 * transaction hashes as stored.
 */
record StoredBlock(
        BlockHeader header, byte[] bodyRlp, BlockBody body, List<Hash> transactionHashes) {

    BlockContext context() {
        return BlockContext.of(header);
    }

    /**
     * The length of the block's RLP {@code [header, transactions, ommers(, withdrawals)]}, which is
     * what geth reports as {@code size}: the header's bytes and the body list's items under one
     * list header.
     */
    long size() {
        long payload =
                header.unsafeEncoding().length + (bodyRlp.length - listHeaderLength(bodyRlp));
        return listHeaderLength(payload) + payload;
    }

    /**
     * The block's RLP {@code [header, transactions, ommers(, withdrawals)]}, what geth's {@code
     * debug_getRawBlock} answers: built from the stored header and body bytes, never re-encoded.
     */
    byte[] rlp() {
        byte[] headerRlp = header.unsafeEncoding();
        int bodyHeader = listHeaderLength(bodyRlp);
        int payload = headerRlp.length + bodyRlp.length - bodyHeader;
        int listHeader = listHeaderLength((long) payload);
        byte[] out = new byte[listHeader + payload];
        if (listHeader == 1) {
            out[0] = (byte) (0xc0 + payload);
        } else {
            out[0] = (byte) (0xf7 + listHeader - 1);
            for (int i = listHeader - 1, rest = payload; i >= 1; i--, rest >>>= 8) {
                out[i] = (byte) rest;
            }
        }
        System.arraycopy(headerRlp, 0, out, listHeader, headerRlp.length);
        System.arraycopy(
                bodyRlp,
                bodyHeader,
                out,
                listHeader + headerRlp.length,
                bodyRlp.length - bodyHeader);
        return out;
    }

    /** The length of the header of the RLP list {@code rlp} starts with. */
    static int listHeaderLength(byte[] rlp) {
        int first = rlp[0] & 0xff;
        return first <= 0xf7 ? 1 : 1 + (first - 0xf7);
    }

    /** The length of an RLP list header for a payload of {@code length} bytes. */
    static int listHeaderLength(long length) {
        if (length < 56) {
            return 1;
        }
        int bytes = 0;
        for (long rest = length; rest != 0; rest >>>= 8) {
            bytes++;
        }
        return 1 + bytes;
    }
}
