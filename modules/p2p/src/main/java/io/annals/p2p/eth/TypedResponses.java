package io.annals.p2p.eth;

import io.annals.core.rlp.RlpReader;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Receipt;
import io.annals.core.util.ByteSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes raw response items into core types and checks that headers answer their query: the first
 * is the origin, and each next one is {@code skip + 1} blocks further in the query's direction.
 * Malformed items throw {@link io.annals.core.rlp.RlpException}.
 */
final class TypedResponses {
    private TypedResponses() {}

    static List<BlockHeader> headers(List<ByteSlice> items) {
        List<BlockHeader> headers = new ArrayList<>(items.size());
        for (ByteSlice item : items) {
            headers.add(BlockHeader.decode(item));
        }
        return headers;
    }

    static List<BlockBody> bodies(List<ByteSlice> items) {
        List<BlockBody> bodies = new ArrayList<>(items.size());
        for (ByteSlice item : items) {
            RlpReader reader = RlpReader.of(item);
            bodies.add(BlockBody.read(reader));
            reader.ensureEnd();
        }
        return bodies;
    }

    static List<List<Receipt>> receipts(List<RawReceiptList> lists) {
        List<List<Receipt>> out = new ArrayList<>(lists.size());
        for (RawReceiptList list : lists) {
            out.add(list.decode());
        }
        return out;
    }

    /**
     * Describes how the headers fail to answer the query (a prefix of its answer); empty when they
     * do.
     */
    static Optional<String> mismatch(HeaderQuery query, List<BlockHeader> headers) {
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        BlockHeader first = headers.get(0);
        if (query.origin() instanceof BlockOrigin.ByHash byHash
                && !first.hash().equals(byHash.hash())) {
            return Optional.of(
                    "first header " + first.hash() + " is not the origin " + byHash.hash());
        }
        if (query.origin() instanceof BlockOrigin.ByNumber byNumber
                && first.number() != byNumber.number()) {
            return Optional.of(
                    "first header is block "
                            + Long.toUnsignedString(first.number())
                            + ", not the origin "
                            + byNumber);
        }
        long step = query.skip() + 1;
        for (int i = 1; i < headers.size(); i++) {
            long previous = headers.get(i - 1).number();
            long expected = query.reverse() ? previous - step : previous + step;
            boolean wrapped =
                    step == 0
                            || (query.reverse()
                                    ? Long.compareUnsigned(expected, previous) >= 0
                                    : Long.compareUnsigned(expected, previous) <= 0);
            if (wrapped || headers.get(i).number() != expected) {
                return Optional.of(
                        "header "
                                + i
                                + " is block "
                                + Long.toUnsignedString(headers.get(i).number())
                                + " after block "
                                + Long.toUnsignedString(previous)
                                + " (skip "
                                + Long.toUnsignedString(query.skip())
                                + (query.reverse() ? ", reverse)" : ")"));
            }
        }
        return Optional.empty();
    }
}
